import { describe, expect, test } from 'vitest';
import { fromDraft, gridCell, gridMax, levelShares, tierShares, toDraft } from './rfmModel';
import { SETTINGS, grid } from './rfmFixtures';

describe('the value assessment model', () => {
  test('reads grid[r - 1][f - 1], and 0 outside a short grid', () => {
    const g = grid([[5, 1, 9], [1, 5, 3]]);
    expect(gridCell(g, 5, 1)).toBe(9);
    expect(gridCell(g, 1, 5)).toBe(3);
    expect(gridCell(g, 3, 3)).toBe(0);
    expect(gridCell([[1]], 5, 5)).toBe(0);
    expect(gridMax(g)).toBe(9);
    expect(gridMax([])).toBe(0);
  });

  test('orders the tiers as the settings do, then tiers they no longer name', () => {
    const shares = tierShares(
      [{ key: 'vip', customers: 2 }, { key: 'gold', customers: 5 }, { key: 'normal', customers: 9 }],
      SETTINGS.tiers,
    );
    expect(shares).toEqual([
      { key: 'diamond', customers: 0, minScore: 13 },
      { key: 'gold', customers: 5, minScore: 10 },
      { key: 'silver', customers: 0, minScore: 7 },
      { key: 'normal', customers: 9, minScore: 3 },
      { key: 'vip', customers: 2, minScore: null },
    ]);
    expect(tierShares([{ key: 'gold', customers: 5 }], undefined)).toEqual([{ key: 'gold', customers: 5, minScore: null }]);
  });

  test('always lists high, mid and low', () => {
    expect(levelShares([{ key: 'low', customers: 4 }])).toEqual([
      { key: 'high', customers: 0 },
      { key: 'mid', customers: 0 },
      { key: 'low', customers: 4 },
    ]);
  });

  test('turns the draft back into settings, or nothing while a value is missing', () => {
    const draft = toDraft(SETTINGS);
    expect(fromDraft(draft, SETTINGS)).toEqual(SETTINGS);
    expect(fromDraft({ ...draft, scheduled: false }, SETTINGS)).toEqual({ ...SETTINGS, everyDays: null });
    expect(fromDraft({ ...draft, windowDays: null }, SETTINGS)).toBeNull();
    expect(fromDraft({ ...draft, scheduled: true, everyDays: null }, SETTINGS)).toBeNull();
    expect(fromDraft({ ...draft, tiers: [...draft.tiers, { rowKey: 'n', tier: null, minScore: 5 }] }, SETTINGS)).toBeNull();
  });
});
