// What the list shows: filters, sort and trash, kept as plain data so it survives a visit to a
// customer's page, and turned into the core's request only at the edge.
import type { CustomerFilter, FieldDef, FieldFilter, SortSpec } from '../../ipc/client';

export interface ListState {
  /** At most one filter per key (a dimension, "updated", ...). */
  fields: Record<string, FieldFilter>;
  tagIds: string[];
  trash: boolean;
  sort: SortSpec;
}

export const DEFAULT_SORT: SortSpec = { key: 'updated', desc: true };
export const EMPTY_LIST_STATE: ListState = { fields: {}, tagIds: [], trash: false, sort: DEFAULT_SORT };

/** Built-in keys the core can sort by (it has an index for each). */
export const BUILTIN_SORT_KEYS = ['updated', 'created', 'name', 'tier', 'owner', 'province', 'city'] as const;

/** Filter keys that are built-in columns rather than dimensions from the field list. */
export const BUILTIN_FILTER_KEYS = new Set([
  'kind',
  'lifecycle',
  'size',
  'tier',
  'industry',
  'source',
  'owner',
  'country',
  'province',
  'city',
  'created',
  'updated',
]);

export function isActive(filter: FieldFilter): boolean {
  switch (filter.op) {
    case 'oneOf':
      return filter.values.length > 0;
    case 'contains':
      return filter.text.trim() !== '';
    case 'range':
      return filter.min !== null || filter.max !== null;
    case 'dateRange':
      return Boolean(filter.from) || Boolean(filter.to);
    case 'empty':
      return true;
  }
}

/** Custom dimensions a list may sort by: every live one except multi-selects. */
export function sortableCustomFields(custom: FieldDef[]): FieldDef[] {
  return custom.filter((f) => f.fieldType !== 'multi_select');
}

/**
 * The core's filter for this state. Filters on custom dimensions that were deleted meanwhile
 * are dropped, since the core would refuse them; keys are sorted so equal filters cache alike.
 */
export function toCustomerFilter(state: ListState, liveCustomKeys: string[]): Required<CustomerFilter> {
  const fields = Object.keys(state.fields)
    .sort()
    .filter((key) => BUILTIN_FILTER_KEYS.has(key) || liveCustomKeys.includes(key))
    .map((key) => state.fields[key])
    .filter(isActive);
  return { fields, tagIds: [...state.tagIds].sort(), trash: state.trash };
}

/** The sort to send: the chosen one, unless its custom dimension no longer exists. */
export function effectiveSort(sort: SortSpec, sortableCustomKeys: string[]): SortSpec {
  const known = (BUILTIN_SORT_KEYS as readonly string[]).includes(sort.key) || sortableCustomKeys.includes(sort.key);
  return known ? sort : DEFAULT_SORT;
}

export function activeFilterCount(state: ListState): number {
  return Object.values(state.fields).filter(isActive).length + (state.tagIds.length > 0 ? 1 : 0);
}
