// Where a task sits on the tasks page: overdue, due today, later, without a due time, or done.
import dayjs, { type Dayjs } from 'dayjs';
import type { Task, User } from '../../ipc/client';

export type TaskGroup = 'overdue' | 'today' | 'upcoming' | 'none' | 'done';
export const OPEN_GROUPS: TaskGroup[] = ['overdue', 'today', 'upcoming', 'none'];

export function taskGroup(task: Task, now: Dayjs): TaskGroup {
  if (task.doneAt) return 'done';
  if (!task.dueAt) return 'none';
  const due = dayjs(task.dueAt);
  if (due.isBefore(now)) return 'overdue';
  return due.isSame(now, 'day') ? 'today' : 'upcoming';
}

/** The tasks by group, each in the order the core gave them (open by due time, then the rest). */
export function groupTasks(tasks: Task[], now: Dayjs): Record<TaskGroup, Task[]> {
  const groups: Record<TaskGroup, Task[]> = { overdue: [], today: [], upcoming: [], none: [], done: [] };
  for (const task of tasks) groups[taskGroup(task, now)].push(task);
  return groups;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The core lets a task's owner, its maker and administrators complete or delete it. */
export function mayHandle(task: Task, user: Pick<User, 'login' | 'role'>): boolean {
  return same(task.owner, user.login) || same(task.createdBy, user.login) || user.role === 'admin';
}
