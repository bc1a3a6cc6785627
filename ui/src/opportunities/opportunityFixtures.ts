// Stages, opportunities, board columns and a funnel as the core would send them, for tests.
import type { BoardColumn, Funnel, Lead, Opportunity, Stage, StageRef } from '../ipc/client';

const stage = (key: string, nameZh: string, nameEn: string, probability: number, position: number, outcome: Stage['outcome']): Stage => ({
  id: `stage-${key}`, key, nameZh, nameEn, probability, position, outcome, opportunityCount: 0,
});

export const STAGES: Stage[] = [
  stage('initial', '初步沟通', 'Initial contact', 10, 1, 'open'),
  stage('needs', '需求确认', 'Needs confirmed', 30, 2, 'open'),
  stage('proposal', '方案报价', 'Proposal', 50, 3, 'open'),
  stage('negotiation', '谈判', 'Negotiation', 70, 4, 'open'),
  stage('won', '赢单', 'Won', 100, 5, 'won'),
  stage('lost', '输单', 'Lost', 0, 6, 'lost'),
];

export function stageRef(key: string): StageRef {
  const s = STAGES.find((x) => x.key === key);
  if (!s) throw new Error(`no stage ${key}`);
  return { id: s.id, key: s.key, nameZh: s.nameZh, nameEn: s.nameEn, outcome: s.outcome };
}

export function opportunity(overrides: Partial<Opportunity> = {}): Opportunity {
  return {
    id: 'o-1', name: '年度设备采购', customerId: 'c-1', customerName: '华为技术有限公司', contactId: null, leadId: null,
    stage: stageRef('initial'), amount: 1200050, currency: 'CNY', probability: 10, weightedAmount: 120005,
    expectedClose: '2026-03-31', owner: 'admin', ownerName: '王管理', lostReason: null, closedAt: null, notes: null,
    version: 1, createdAt: '2026-01-05T01:00:00Z', createdBy: 'admin', updatedAt: '2026-01-05T01:00:00Z', updatedBy: 'admin',
    mayEdit: true, ...overrides,
  };
}

/** One column per stage holding the given opportunities, totals summed per currency. */
export function board(items: Opportunity[]): BoardColumn[] {
  return STAGES.map((s) => {
    const here = items.filter((o) => o.stage.id === s.id);
    const totals = new Map<string, number>();
    for (const o of here) totals.set(o.currency, (totals.get(o.currency) ?? 0) + o.amount);
    return {
      stage: stageRef(s.key), probability: s.probability, count: here.length,
      totals: [...totals].map(([currency, amount]) => ({ currency, amount })), items: here,
    };
  });
}

const funnelStage = (key: string, probability: number, count: number, amount: number, reached: number, conversionToNext: number | null) => ({
  stage: stageRef(key), probability, count, amount, weightedAmount: Math.floor((amount * probability) / 100), reached, conversionToNext,
});

/** 16 opportunities reached the first stage, 10 the second (62.5%), and so on; 3 won, 2 lost. */
export const FUNNEL: Funnel = {
  currency: 'CNY',
  currencies: ['CNY', 'USD'],
  stages: [
    funnelStage('initial', 10, 6, 60_000_00, 16, 0.625),
    funnelStage('needs', 30, 4, 80_000_00, 10, 0.6),
    funnelStage('proposal', 50, 2, 50_000_00, 6, 0.5),
    funnelStage('negotiation', 70, 0, 0, 3, 1),
    funnelStage('won', 100, 3, 90_000_00, 3, null),
    funnelStage('lost', 0, 2, 20_000_00, 2, null),
  ],
  openCount: 12,
  openAmount: 190_000_00,
  weightedForecast: 55_000_00,
  wonCount: 3,
  wonAmount: 90_000_00,
  lostCount: 2,
  winRate: 0.6,
  byMonth: [
    { key: '2026-03', label: '2026-03', count: 5, amount: 100_000_00, weightedAmount: 30_000_00 },
    { key: '2026-04', label: '2026-04', count: 4, amount: 60_000_00, weightedAmount: 20_000_00 },
    { key: '', label: '', count: 3, amount: 30_000_00, weightedAmount: 5_000_00 },
  ],
  byOwner: [
    { key: 'lina', label: '李娜', count: 7, amount: 120_000_00, weightedAmount: 35_000_00 },
    { key: 'wangqiang', label: '王强', count: 5, amount: 70_000_00, weightedAmount: 20_000_00 },
  ],
  byTerritory: [
    { key: 't-south', label: '华南区', count: 8, amount: 150_000_00, weightedAmount: 45_000_00 },
    { key: '', label: '', count: 4, amount: 40_000_00, weightedAmount: 10_000_00 },
  ],
};

export function lead(overrides: Partial<Lead> = {}): Lead {
  return {
    id: 'l-1', name: '展会咨询：智能仓储', company: '华为技术有限公司', phone: null, email: null, source: 'exhibition',
    industry: null, country: null, province: null, city: null, notes: null, territory: null, origin: 'manual',
    status: 'converted', owner: 'lina', ownerName: '李娜', touchedAt: '2026-01-02T01:00:00Z', customerId: 'c-1',
    contactId: null, opportunityId: 'o-1', version: 2, createdAt: '2026-01-01T01:00:00Z', createdBy: 'lina',
    updatedAt: '2026-01-02T01:00:00Z', updatedBy: 'lina', allowedActions: [], ...overrides,
  };
}
