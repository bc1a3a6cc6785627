import { describe, expect, test } from 'vitest';
import dayjs from 'dayjs';
import { task } from '../workflowFixtures';
import { groupTasks, mayHandle, taskGroup } from './taskGroups';

const now = dayjs('2026-03-02T10:00:00');

describe('task groups', () => {
  test('overdue before now, today for the rest of the day, then upcoming, none, done', () => {
    expect(taskGroup(task({ dueAt: dayjs('2026-03-02T09:59:00').toISOString() }), now)).toBe('overdue');
    expect(taskGroup(task({ dueAt: dayjs('2026-02-20T18:00:00').toISOString() }), now)).toBe('overdue');
    expect(taskGroup(task({ dueAt: dayjs('2026-03-02T23:59:00').toISOString() }), now)).toBe('today');
    expect(taskGroup(task({ dueAt: dayjs('2026-03-03T00:00:00').toISOString() }), now)).toBe('upcoming');
    expect(taskGroup(task({ dueAt: null }), now)).toBe('none');
    expect(taskGroup(task({ dueAt: dayjs('2026-02-20T18:00:00').toISOString(), doneAt: '2026-02-21T01:00:00Z' }), now)).toBe('done');
  });

  test('each group keeps the core’s order', () => {
    const a = task({ id: 'a', dueAt: dayjs('2026-03-04T09:00:00').toISOString() });
    const b = task({ id: 'b', dueAt: dayjs('2026-03-05T09:00:00').toISOString() });
    const c = task({ id: 'c' });
    const groups = groupTasks([a, b, c], now);
    expect(groups.upcoming.map((t) => t.id)).toEqual(['a', 'b']);
    expect(groups.none.map((t) => t.id)).toEqual(['c']);
    expect(groups.overdue).toEqual([]);
  });

  test('the owner, the maker and administrators handle a task', () => {
    const t = task({ owner: 'lina', createdBy: 'wangqiang' });
    expect(mayHandle(t, { login: 'LiNa', role: 'sales' })).toBe(true);
    expect(mayHandle(t, { login: 'wangqiang', role: 'manager' })).toBe(true);
    expect(mayHandle(t, { login: 'admin', role: 'admin' })).toBe(true);
    expect(mayHandle(t, { login: 'zhaomin', role: 'service' })).toBe(false);
  });
});
