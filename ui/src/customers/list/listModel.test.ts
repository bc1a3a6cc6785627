import { describe, expect, test } from 'vitest';
import { DEFAULT_SORT, EMPTY_LIST_STATE, activeFilterCount, effectiveSort, toCustomerFilter, type ListState } from './listModel';

describe('list model', () => {
  test('sends only filters in use, in a stable order, and none on deleted dimensions', () => {
    const state: ListState = {
      ...EMPTY_LIST_STATE,
      fields: {
        tier: { op: 'oneOf', key: 'tier', values: ['gold'] },
        kind: { op: 'oneOf', key: 'kind', values: [] },
        wechat: { op: 'contains', key: 'wechat', text: '  ' },
        budget: { op: 'range', key: 'budget', min: 100, max: null },
        gone: { op: 'oneOf', key: 'gone', values: ['x'] },
        updated: { op: 'dateRange', key: 'updated', from: '2025-01-01', to: null },
      },
      tagIds: ['t-2', 't-1'],
      trash: true,
    };
    expect(toCustomerFilter(state, ['budget', 'wechat'])).toEqual({
      fields: [
        { op: 'range', key: 'budget', min: 100, max: null },
        { op: 'oneOf', key: 'tier', values: ['gold'] },
        { op: 'dateRange', key: 'updated', from: '2025-01-01', to: null },
      ],
      tagIds: ['t-1', 't-2'],
      trash: true,
    });
    expect(activeFilterCount(state)).toBe(5);
  });

  test('falls back to the default sort when the sort dimension no longer exists', () => {
    expect(effectiveSort({ key: 'budget', desc: false }, ['budget'])).toEqual({ key: 'budget', desc: false });
    expect(effectiveSort({ key: 'budget', desc: false }, [])).toEqual(DEFAULT_SORT);
    expect(effectiveSort({ key: 'city', desc: true }, [])).toEqual({ key: 'city', desc: true });
  });
});
