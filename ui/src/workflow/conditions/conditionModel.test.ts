import { describe, expect, test } from 'vitest';
import type { Condition } from '../../ipc/client';
import { TICKET_FIELDS } from '../workflowFixtures';
import {
  OPS_BY_KIND,
  asRootGroup,
  childrenOf,
  countTests,
  makeGroup,
  makeTest,
  newTest,
  valueInputKind,
  withField,
  withMode,
  withOp,
  withWindow,
} from './conditionModel';

const field = (key: string) => TICKET_FIELDS.find((f) => f.key === key)!;
const a = makeTest({ field: 'priority', op: 'is', values: ['low'] });
const b = makeTest({ field: 'subject', op: 'contains', values: ['打印机'] });

describe('the condition model', () => {
  test('a “none of” group is stored as not(any) and reads back as its children', () => {
    const none = makeGroup('not', [a, b]);
    expect(none).toEqual({ kind: 'not', item: { kind: 'any', items: [a, b] } });
    expect(childrenOf(none)).toEqual([a, b]);
    // One child needs no wrapper; the core's own not(all(...)) shows its all group inside.
    expect(makeGroup('not', [a])).toEqual({ kind: 'not', item: a });
    const stored: Condition = { kind: 'not', item: { kind: 'all', items: [a, b] } };
    expect(childrenOf(asRootGroup(stored))).toEqual([{ kind: 'all', items: [a, b] }]);
    expect(withMode(none, 'all')).toEqual({ kind: 'all', items: [a, b] });
  });

  test('a lone test is shown inside an all group; tests are counted through the groups', () => {
    expect(asRootGroup(a)).toEqual({ kind: 'all', items: [a] });
    expect(countTests({ kind: 'any', items: [a, { kind: 'not', item: { kind: 'any', items: [a, b] } }] })).toBe(3);
  });

  test('another field keeps the operator where it fits and drops the values', () => {
    expect(withField(a, field('subject'))).toEqual(makeTest({ field: 'subject', op: 'is', values: [] }));
    expect(withField(a, field('resolution_due'))).toEqual(makeTest({ field: 'resolution_due', op: 'older_than_days', values: [] }));
    expect(withField(a, field('customer.tags'))).toEqual(makeTest({ field: 'customer.tags', op: 'has_any', values: [] }));
    expect(newTest(TICKET_FIELDS)).toEqual(makeTest({ field: 'subject', op: 'is', values: [] }));
  });

  test('another operator keeps the values only while the same input fits', () => {
    expect(withOp(a, 'is_not', field('priority')).values).toEqual(['low']);
    const days = makeTest({ field: 'resolution_due', op: 'older_than_days', values: ['7'] });
    expect(withOp(days, 'within_next_days', field('resolution_due')).values).toEqual(['7']);
    expect(withOp(days, 'gt', field('resolution_due')).values).toEqual([]);
  });

  test('an order window stays with aggregate tests only, and is stored only when set', () => {
    const count = { key: 'orders.count', labelZh: '订单数', labelEn: 'Number of orders', kind: 'aggregate' as const, options: [] };
    const amount = { ...count, key: 'orders.amount' };
    const windowed = makeTest({ field: 'orders.count', op: 'gte', values: ['3'], windowDays: 90 });
    expect(windowed).toEqual({ kind: 'test', field: 'orders.count', op: 'gte', values: ['3'], windowDays: 90 });
    expect(makeTest({ field: 'orders.count', op: 'gte', values: ['3'], windowDays: null })).not.toHaveProperty('windowDays');
    expect(withOp(windowed, 'lt', count)).toEqual({ ...windowed, op: 'lt' });
    // From one aggregate to another the operator and window stay; into one, it starts at "at least".
    expect(withField({ ...windowed, op: 'lt' }, amount, count)).toEqual({ kind: 'test', field: 'orders.amount', op: 'lt', values: [], windowDays: 90 });
    expect(withField(makeTest({ field: 'subject', op: 'is', values: ['x'] }), count, field('subject'))).toEqual(
      makeTest({ field: 'orders.count', op: 'gte', values: [] }),
    );
    expect(withField(windowed, field('subject'))).toEqual(makeTest({ field: 'subject', op: 'is', values: [] }));
    expect(withWindow(windowed, null)).toEqual({ kind: 'test', field: 'orders.count', op: 'gte', values: ['3'] });
    expect(valueInputKind(count, 'gte')).toBe('number');
    expect(valueInputKind({ ...count, key: 'segment', kind: 'membership' }, 'has_none')).toBe('segments');
  });

  test('the value input follows the field kind and the operator', () => {
    expect(valueInputKind(field('priority'), 'is')).toBe('choices');
    expect(valueInputKind(field('priority'), 'is_empty')).toBe('none');
    expect(valueInputKind(field('subject'), 'contains')).toBe('texts');
    expect(valueInputKind(field('resolution_due'), 'within_last_days')).toBe('days');
    expect(valueInputKind(field('resolution_due'), 'lt')).toBe('date');
    expect(valueInputKind(field('customer.tags'), 'has_none')).toBe('tags');
    expect(valueInputKind({ ...field('priority'), options: [] }, 'is')).toBe('texts');
    expect(valueInputKind(undefined, 'is')).toBe('texts');
    expect(OPS_BY_KIND.number).toContain('gte');
  });
});
