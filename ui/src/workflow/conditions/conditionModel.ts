// The condition tree as the builder edits it: which operators a field kind takes, which value
// input an operator needs, and the all / any / not groups. The core checks the same things when
// a rule is saved (crm-core conditions::validate); the builder only keeps the choices sensible.
import type { Condition, ConditionField, ConditionTest, FieldKind, TestOp } from '../../ipc/client';

export type TestCondition = Extract<Condition, { kind: 'test' }>;
export type GroupCondition = Exclude<Condition, TestCondition>;
export type GroupMode = GroupCondition['kind'];

export const GROUP_MODES: GroupMode[] = ['all', 'any', 'not'];

/** The operators each kind of field takes, in the order the core lists them. */
export const OPS_BY_KIND: Record<FieldKind, TestOp[]> = {
  text: ['is', 'is_not', 'contains', 'is_empty', 'is_not_empty'],
  choice: ['is', 'is_not', 'is_empty', 'is_not_empty'],
  number: ['is', 'is_not', 'gt', 'gte', 'lt', 'lte', 'is_empty', 'is_not_empty'],
  date: ['older_than_days', 'within_last_days', 'within_next_days', 'gt', 'lt', 'is_empty', 'is_not_empty'],
  tags: ['has_any', 'has_all', 'has_none'],
  aggregate: ['gte', 'gt', 'lte', 'lt', 'is'],
  membership: ['has_any', 'has_none'],
};

/** What the value part of a test looks like. */
export type ValueInputKind = 'none' | 'texts' | 'choices' | 'number' | 'days' | 'date' | 'tags' | 'segments';

const RELATIVE_DAYS: TestOp[] = ['older_than_days', 'within_last_days', 'within_next_days'];

/** A field the catalog does not know (e.g. a custom dimension typed by key) is tested as text. */
export function kindOf(field: ConditionField | undefined): FieldKind {
  return field?.kind ?? 'text';
}

export function valueInputKind(field: ConditionField | undefined, op: TestOp): ValueInputKind {
  if (op === 'is_empty' || op === 'is_not_empty') return 'none';
  const kind = kindOf(field);
  if (kind === 'tags') return 'tags';
  if (kind === 'membership') return 'segments';
  if (kind === 'date') return RELATIVE_DAYS.includes(op) ? 'days' : 'date';
  if (kind === 'number' || kind === 'aggregate') return 'number';
  // A choice field whose options are not configured yet takes typed values.
  if (kind === 'choice' && (field?.options.length ?? 0) > 0) return 'choices';
  return 'texts';
}

export function isGroup(c: Condition): c is GroupCondition {
  return c.kind !== 'test';
}

/**
 * The children a group shows. A `not` group means "none of these": it is stored as
 * not(any(children)), or as not(child) when it has one, so both read back as its children.
 */
export function childrenOf(group: GroupCondition): Condition[] {
  if (group.kind !== 'not') return group.items;
  return group.item.kind === 'any' ? group.item.items : [group.item];
}

export function makeGroup(mode: GroupMode, children: Condition[]): GroupCondition {
  if (mode !== 'not') return { kind: mode, items: children };
  return { kind: 'not', item: children.length === 1 ? children[0] : { kind: 'any', items: children } };
}

export function withMode(group: GroupCondition, mode: GroupMode): GroupCondition {
  return makeGroup(mode, childrenOf(group));
}

export function withChildren(group: GroupCondition, children: Condition[]): GroupCondition {
  return makeGroup(group.kind, children);
}

/** The builder always shows a group at the top; a lone test is read as "all of [test]". */
export function asRootGroup(value: Condition): GroupCondition {
  return isGroup(value) ? value : { kind: 'all', items: [value] };
}

export const EMPTY_CONDITION: Condition = { kind: 'all', items: [] };

export function testOf(c: TestCondition): ConditionTest {
  const test: ConditionTest = { field: c.field, op: c.op, values: c.values ?? [] };
  if (c.windowDays != null) test.windowDays = c.windowDays;
  return test;
}

/** A test as the core stores it; `windowDays` only when there is one (an aggregate's window). */
export function makeTest(test: ConditionTest): TestCondition {
  const made: TestCondition = { kind: 'test', field: test.field, op: test.op, values: test.values ?? [] };
  if (test.windowDays != null) made.windowDays = test.windowDays;
  return made;
}

/** An aggregate over orders counts only the orders of the last `days` days; null: all of them. */
export function withWindow(test: TestCondition, days: number | null): TestCondition {
  return makeTest({ ...testOf(test), windowDays: days });
}

export function newTest(fields: ConditionField[]): TestCondition {
  const field = fields[0];
  return makeTest({ field: field?.key ?? '', op: OPS_BY_KIND[kindOf(field)][0], values: [] });
}

/**
 * Another field: keeps the operator if the new field takes it; the old values mean nothing now.
 * An order aggregate starts at "at least" (the usual question) unless it was one already, and its
 * window stays from one aggregate to another (count → amount over the same days).
 */
export function withField(test: TestCondition, field: ConditionField, previous?: ConditionField): TestCondition {
  const ops = OPS_BY_KIND[field.kind];
  const aggregate = field.kind === 'aggregate';
  const keepsOp = ops.includes(test.op) && (!aggregate || previous?.kind === 'aggregate');
  const windowDays = aggregate ? test.windowDays : null;
  return makeTest({ field: field.key, op: keepsOp ? test.op : ops[0], values: [], windowDays });
}

/** Another operator: the values stay where they still fit (e.g. is → is not); so does a window. */
export function withOp(test: TestCondition, op: TestOp, field: ConditionField | undefined): TestCondition {
  const same = valueInputKind(field, op) === valueInputKind(field, test.op);
  return makeTest({ field: test.field, op, values: same ? (test.values ?? []) : [], windowDays: test.windowDays });
}

export function findConditionField(fields: ConditionField[], key: string): ConditionField | undefined {
  return fields.find((f) => f.key === key);
}

/** How many tests the tree holds (for counts and empty checks). */
export function countTests(c: Condition): number {
  return isGroup(c) ? childrenOf(c).reduce((n, child) => n + countTests(child), 0) : 1;
}
