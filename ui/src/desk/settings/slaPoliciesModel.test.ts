import { describe, expect, test } from 'vitest';
import { addTierPolicy, displayOrder, fromPolicies, splitMinutes, toPolicies, updatePolicy } from './slaPoliciesModel';
import { SLA_POLICIES } from '../deskFixtures';

describe('the SLA policies model', () => {
  test('round-trips the policies the core sent', () => {
    expect(toPolicies(fromPolicies(SLA_POLICIES))).toEqual(SLA_POLICIES);
  });

  test('a new tier row takes the first priority and tier not covered, with that priority’s default times', () => {
    const drafts = addTierPolicy(fromPolicies(SLA_POLICIES), 'new-1', ['diamond', 'gold']);
    expect(drafts.at(-1)).toMatchObject({ rowKey: 'new-1', priority: 'urgent', tier: 'gold', firstResponseMinutes: 30, resolutionMinutes: 240 });
    const again = addTierPolicy(drafts, 'new-2', ['diamond', 'gold']);
    expect(again.at(-1)).toMatchObject({ priority: 'high', tier: 'diamond', firstResponseMinutes: 60 });
  });

  test('rows are shown by priority, default first, tiers in the order added', () => {
    let drafts = addTierPolicy(fromPolicies(SLA_POLICIES), 'new-1', ['gold']);
    drafts = updatePolicy(drafts, 'new-1', { priority: 'low' });
    expect(displayOrder(drafts).map((d) => `${d.priority}:${d.tier ?? '*'}`)).toEqual([
      'urgent:*', 'urgent:diamond', 'high:*', 'normal:*', 'low:*', 'low:gold',
    ]);
  });

  test('minutes as hours and minutes', () => {
    expect(splitMinutes(150)).toEqual({ hours: 2, minutes: 30 });
    expect(splitMinutes(45)).toEqual({ hours: 0, minutes: 45 });
  });
});
