// The review's choices and the request they make. The defaults mirror the core's `combine`: a
// field keeps the survivor's value, or the first other included customer's when the survivor
// has none; the reviewer's picks override either. Phones, emails and tags are not chosen: the
// core keeps them all.
import type { Customer, CustomValue, MergeRequest } from '../ipc/client';

/** The core's MERGE_FIELDS, in the order the review shows them; `custom.<key>` rows follow. */
export const MERGE_FIELDS = [
  'name',
  'kind',
  'lifecycle',
  'tier',
  'industry',
  'size',
  'source',
  'owner',
  'location',
  'company',
  'website',
  'externalId',
  'notes',
] as const;

type ScalarField = Exclude<(typeof MERGE_FIELDS)[number], 'location'>;

const CUSTOM = 'custom.';

/** The dimension key of a `custom.<key>` row; null for a built-in field. */
export function customKey(field: string): string | null {
  return field.startsWith(CUSTOM) ? field.slice(CUSTOM.length) : null;
}

function hasValue(value: CustomValue | undefined): boolean {
  return value !== null && value !== undefined;
}

/**
 * The rows of the review: the built-in fields, then every custom dimension any member has a
 * value for, in the dimensions' own order (`customOrder`), keys no longer defined last.
 */
export function mergeFields(customers: Customer[], customOrder: string[]): string[] {
  const keys = new Set(customers.flatMap((c) => Object.keys(c.custom).filter((k) => hasValue(c.custom[k]))));
  const rank = (key: string) => {
    const at = customOrder.indexOf(key);
    return at < 0 ? customOrder.length : at;
  };
  const custom = [...keys].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return [...MERGE_FIELDS, ...custom.map((k) => CUSTOM + k)];
}

/** A customer's value of a row, null when it has none; a location is its four parts together. */
export function valueOf(customer: Customer, field: string): unknown {
  const key = customKey(field);
  if (key !== null) return customer.custom[key] ?? null;
  if (field === 'location') {
    const parts = [customer.country, customer.province, customer.city, customer.address];
    return parts.every((p) => p === null) ? null : parts;
  }
  return customer[field as ScalarField] ?? null;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether the included customers disagree on the field, so that there is something to choose. */
export function needsChoice(field: string, included: Customer[]): boolean {
  const first = included[0];
  return first !== undefined && included.some((c) => !sameValue(valueOf(c, field), valueOf(first, field)));
}

export interface MergeChoices {
  survivorId: string;
  /** The customers taking part, in the cluster's order; the survivor is always among them. */
  included: Customer[];
  /** What the reviewer clicked, field -> customer id; a pick of someone left out no longer counts. */
  chosen: Record<string, string>;
}

/** The customer whose value the field will keep. */
export function selectedFor(field: string, { survivorId, included, chosen }: MergeChoices): string {
  const pick = chosen[field];
  if (pick !== undefined && included.some((c) => c.id === pick)) return pick;
  const survivor = included.find((c) => c.id === survivorId);
  if (survivor && valueOf(survivor, field) !== null) return survivorId;
  return included.find((c) => c.id !== survivorId && valueOf(c, field) !== null)?.id ?? survivorId;
}

/**
 * What the core is asked: the others in the cluster's order (the order the core looks for a value
 * the survivor lacks in), and a pick for every row whose value comes from someone else.
 */
export function mergeRequest(fields: string[], choices: MergeChoices): MergeRequest {
  const picks: Record<string, string> = {};
  for (const field of fields) {
    if (!needsChoice(field, choices.included)) continue;
    const from = selectedFor(field, choices);
    if (from !== choices.survivorId) picks[field] = from;
  }
  return {
    survivorId: choices.survivorId,
    mergedIds: choices.included.filter((c) => c.id !== choices.survivorId).map((c) => c.id),
    picks,
  };
}

/**
 * Every value of the included customers once. The core also folds numbers typed two ways into
 * one; this shows them as typed.
 */
export function unionOf(included: Customer[], list: (c: Customer) => string[]): string[] {
  const seen = new Set<string>();
  const all: string[] = [];
  for (const value of included.flatMap(list)) {
    const key = value.trim();
    if (seen.has(key)) continue;
    seen.add(key);
    all.push(value);
  }
  return all;
}
