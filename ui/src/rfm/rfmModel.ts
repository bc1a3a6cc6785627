// What the value assessment screens compute from the core's answers: the grid's cells, the
// distributions in a stable order, and the settings as a form edits them.
import type { RfmCount, RfmSettings, RfmSummary, ValueLevel } from '../ipc/client';

export const SCORES = [1, 2, 3, 4, 5] as const;
export const LEVELS: ValueLevel[] = ['high', 'mid', 'low'];

/** Customers with R score `r` and F score `f` (0 where the grid has no such cell). */
export function gridCell(grid: number[][], r: number, f: number): number {
  return grid[r - 1]?.[f - 1] ?? 0;
}

export function gridMax(grid: number[][]): number {
  return Math.max(0, ...grid.flat());
}

/** Whether the summary is of a recompute that ran (before the first one there is nothing). */
export function hasAssessment(summary: RfmSummary): boolean {
  return summary.computedAt !== null;
}

export interface TierShare {
  key: string;
  customers: number;
  /** The tier's threshold in the settings; null when the settings no longer name the tier. */
  minScore: number | null;
}

/**
 * The tiers from the highest threshold down as the settings list them (those nobody got
 * included), then any tier the last recompute gave that the settings no longer name.
 */
export function tierShares(counts: RfmCount[], rules: RfmSettings['tiers'] | undefined): TierShare[] {
  const count = new Map(counts.map((c) => [c.key, c.customers]));
  const named = (rules ?? []).map((r) => ({ key: r.tier, customers: count.get(r.tier) ?? 0, minScore: r.minScore }));
  const known = new Set(named.map((t) => t.key));
  const others = counts.filter((c) => !known.has(c.key)).map((c) => ({ key: c.key, customers: c.customers, minScore: null }));
  return [...named, ...others];
}

/** High, mid and low with their counts, whatever the core left out or the order it sent. */
export function levelShares(counts: RfmCount[]): { key: ValueLevel; customers: number }[] {
  const count = new Map(counts.map((c) => [c.key, c.customers]));
  return LEVELS.map((key) => ({ key, customers: count.get(key) ?? 0 }));
}

/** The part of `whole` that `part` is, 0 to 1 (0 of nothing). */
export function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

export interface TierRuleDraft {
  /** Stable across edits, so a removed row does not hand its inputs to the next one. */
  rowKey: string;
  tier: string | null;
  minScore: number | null;
}

/** The settings as the drawer edits them: numbers may be empty while the user types. */
export interface SettingsDraft {
  windowDays: number | null;
  tiers: TierRuleDraft[];
  highMin: number | null;
  midMin: number | null;
  writeTier: boolean;
  scheduled: boolean;
  everyDays: number | null;
}

export function toDraft(s: RfmSettings): SettingsDraft {
  return {
    windowDays: s.windowDays,
    tiers: s.tiers.map((t, i) => ({ rowKey: `saved-${i}`, tier: t.tier, minScore: t.minScore })),
    highMin: s.highMin,
    midMin: s.midMin,
    writeTier: s.writeTier,
    scheduled: s.everyDays !== null,
    everyDays: s.everyDays,
  };
}

/**
 * The settings to send, or null while a number or a tier is missing. Whether they make sense
 * (thresholds in order, the last at 3, tiers that exist) is the core's to judge; it says why not.
 */
export function fromDraft(d: SettingsDraft, base: RfmSettings): RfmSettings | null {
  const { windowDays, highMin, midMin } = d;
  if (windowDays === null || highMin === null || midMin === null) return null;
  if (d.scheduled && d.everyDays === null) return null;
  const tiers: RfmSettings['tiers'] = [];
  for (const t of d.tiers) {
    if (t.tier === null || t.minScore === null) return null;
    tiers.push({ tier: t.tier, minScore: t.minScore });
  }
  return {
    windowDays,
    tiers,
    highMin,
    midMin,
    writeTier: d.writeTier,
    everyDays: d.scheduled ? d.everyDays : null,
    lastRunAt: base.lastRunAt ?? null,
    lastAsOf: base.lastAsOf ?? null,
  };
}
