// The SLA policies as the settings panel edits them: one row per priority and tier, each with a
// key of its own so a row keeps its inputs while its priority or tier changes.
import type { Priority, SlaPolicy } from '../../ipc/client';

/** Most urgent first, the order the core lists them in. */
export const PRIORITIES: Priority[] = ['urgent', 'high', 'normal', 'low'];

export interface PolicyDraft extends SlaPolicy {
  rowKey: string;
  tier: string | null;
}

export function fromPolicies(policies: SlaPolicy[]): PolicyDraft[] {
  return policies.map((p, i) => ({ ...p, tier: p.tier ?? null, rowKey: `saved-${i}` }));
}

export function toPolicies(drafts: PolicyDraft[]): SlaPolicy[] {
  return drafts.map(({ priority, tier, firstResponseMinutes, resolutionMinutes }) => ({
    priority,
    tier,
    firstResponseMinutes,
    resolutionMinutes,
  }));
}

/** Grouped by priority, each priority's default row first, then its tiers in the order added. */
export function displayOrder(drafts: PolicyDraft[]): PolicyDraft[] {
  const rank = (d: PolicyDraft) => PRIORITIES.indexOf(d.priority) * 2 + (d.tier === null ? 0 : 1);
  return drafts
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i)
    .map(({ d }) => d);
}

/**
 * A new tier-specific row: for the first priority and tier not covered yet (else the first
 * ones), starting from that priority's default times, which is what such tickets get today.
 */
export function addTierPolicy(drafts: PolicyDraft[], rowKey: string, tiers: string[]): PolicyDraft[] {
  const taken = (p: Priority, tier: string) => drafts.some((d) => d.priority === p && d.tier === tier);
  let priority: Priority = PRIORITIES[0];
  let tier: string | null = tiers[0] ?? null;
  search: for (const p of PRIORITIES) {
    for (const x of tiers) {
      if (!taken(p, x)) {
        priority = p;
        tier = x;
        break search;
      }
    }
  }
  const base = drafts.find((d) => d.priority === priority && d.tier === null);
  return [
    ...drafts,
    {
      rowKey,
      priority,
      tier,
      firstResponseMinutes: base?.firstResponseMinutes ?? 60,
      resolutionMinutes: base?.resolutionMinutes ?? 480,
    },
  ];
}

export function updatePolicy(drafts: PolicyDraft[], rowKey: string, change: Partial<SlaPolicy>): PolicyDraft[] {
  return drafts.map((d) => (d.rowKey === rowKey ? { ...d, ...change, tier: change.tier === undefined ? d.tier : (change.tier ?? null) } : d));
}

export function removePolicy(drafts: PolicyDraft[], rowKey: string): PolicyDraft[] {
  return drafts.filter((d) => d.rowKey !== rowKey);
}

/** 150 → { hours: 2, minutes: 30 }. */
export function splitMinutes(total: number): { hours: number; minutes: number } {
  return { hours: Math.floor(total / 60), minutes: total % 60 };
}
