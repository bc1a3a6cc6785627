// Value assessments and settings as the core would send them, for tests; and the ipc mock with
// the RFM commands (the shared one predates them).
import { vi, type Mock } from 'vitest';
import type { CustomerRfm, FieldDef, Ipc, RfmSettings, RfmSummary } from '../ipc/client';
import { createIpcMock, type IpcMock } from '../test/ipcMock';
import { FIELDS } from '../test/fixtures';

const RFM_COMMANDS = ['rfmSummary', 'rfmRecompute', 'rfmSettings', 'rfmSetSettings', 'customerRfm'] as const;

export type RfmIpcMock = IpcMock & { [K in (typeof RFM_COMMANDS)[number]]: Mock<Ipc[K]> };

export function createRfmIpcMock(): RfmIpcMock {
  const mock = createIpcMock() as Record<string, Mock>;
  for (const name of RFM_COMMANDS) mock[name] = vi.fn(() => Promise.reject(new Error(`unexpected ipc call ${name}`)));
  return mock as unknown as RfmIpcMock;
}

const opt = (key: string, labelZh: string, labelEn: string) => ({ key, labelZh, labelEn });

/** The shared dimensions, with the value tier's four default options. */
export const RFM_FIELDS: FieldDef[] = FIELDS.map((f) =>
  f.key === 'tier'
    ? { ...f, options: [opt('diamond', '钻石', 'Diamond'), opt('gold', '金卡', 'Gold'), opt('silver', '银卡', 'Silver'), opt('normal', '普通', 'Normal')] }
    : f,
);

/** 5 × 5 zeros with the given cells set: [r, f, count]. */
export function grid(cells: [number, number, number][]): number[][] {
  const g = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  for (const [r, f, count] of cells) g[r - 1][f - 1] = count;
  return g;
}

/** The last assessment: 200 customers as of 2026-03-01 over a year. */
export const SUMMARY: RfmSummary = {
  asOf: '2026-03-01',
  windowDays: 365,
  computedAt: '2026-03-01T02:30:00Z',
  customers: 200,
  tiers: [
    { key: 'gold', customers: 50 },
    { key: 'diamond', customers: 20 },
    { key: 'silver', customers: 70 },
    { key: 'normal', customers: 60 },
  ],
  levels: [
    { key: 'low', customers: 110 },
    { key: 'high', customers: 30 },
    { key: 'mid', customers: 60 },
  ],
  // R5·F5 (best) 17, R1·F1 (worst) 40, R5·F1 (recent, once) 9, R1·F5 (lapsed regulars) 3.
  grid: grid([
    [5, 5, 17],
    [1, 1, 40],
    [5, 1, 9],
    [1, 5, 3],
    [3, 2, 12],
    [4, 4, 7],
  ]),
  changedTiers: null,
};

/** Before the first recompute. */
export const NO_SUMMARY: RfmSummary = {
  asOf: null,
  windowDays: 365,
  computedAt: null,
  customers: 0,
  tiers: [],
  levels: [],
  grid: grid([]),
  changedTiers: null,
};

export const SETTINGS: RfmSettings = {
  windowDays: 365,
  tiers: [
    { tier: 'diamond', minScore: 13 },
    { tier: 'gold', minScore: 10 },
    { tier: 'silver', minScore: 7 },
    { tier: 'normal', minScore: 3 },
  ],
  highMin: 12,
  midMin: 8,
  writeTier: true,
  everyDays: 1,
  lastRunAt: '2026-03-01T02:30:00Z',
  lastAsOf: '2026-03-01',
};

export function customerRfm(overrides: Partial<CustomerRfm> = {}): CustomerRfm {
  return {
    customerId: 'c-1', externalId: null, name: '张伟', recencyDays: 12, frequency: 3, monetary: 1_250_050,
    r: 4, f: 3, m: 5, tier: 'gold', valueLevel: 'high', ...overrides,
  };
}
