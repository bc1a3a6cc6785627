// The queries the workflow screens share, so that one key always means one command.
import { useInfiniteQuery, useQueries, useQuery } from '@tanstack/react-query';
import { ipc, type ConditionField, type Entity } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';
import { useCurrentUser } from '../auth/CurrentUser';

export const RUNS_PAGE = 50;
export const NOTIFICATIONS_SHOWN = 30;

export function useRules() {
  return useQuery({ queryKey: queryKeys.rules, queryFn: () => ipc.ruleList() });
}

export function useRuleFields(entity: Entity) {
  return useQuery({ queryKey: queryKeys.ruleFields(entity), queryFn: () => ipc.ruleFields(entity) });
}

/** The field catalogs of several kinds of record at once (the rule list describes every rule). */
export function useFieldCatalogs(entities: Entity[]): Partial<Record<Entity, ConditionField[]>> {
  const unique = [...new Set(entities)];
  const results = useQueries({
    queries: unique.map((entity) => ({ queryKey: queryKeys.ruleFields(entity), queryFn: () => ipc.ruleFields(entity) })),
  });
  const catalogs: Partial<Record<Entity, ConditionField[]>> = {};
  unique.forEach((entity, i) => {
    const data = results[i].data;
    if (data) catalogs[entity] = data;
  });
  return catalogs;
}

/** The run log, newest first, one page of RUNS_PAGE after another (before = the last seq shown). */
export function useRuleRuns(ruleId: string | null) {
  return useInfiniteQuery({
    queryKey: queryKeys.ruleRuns(ruleId),
    queryFn: ({ pageParam }) => ipc.ruleRuns(ruleId, null, pageParam, RUNS_PAGE),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => (last.length < RUNS_PAGE ? undefined : last[last.length - 1].seq),
  });
}

/** My tasks (recordId null) or one record's tasks. */
export function useTasks(recordId: string | null, includeDone: boolean) {
  return useQuery({
    queryKey: queryKeys.recordTasks(recordId, includeDone),
    queryFn: () => ipc.taskList(recordId, includeDone),
  });
}

/**
 * Who a task may be given to: everyone for an administrator, a manager's people for a manager
 * (the core refuses anyone else's tasks for others, so others get no list at all).
 */
export function useTaskOwners(): { login: string; displayName: string }[] {
  const { user } = useCurrentUser();
  const admin = user.role === 'admin';
  const manager = user.role === 'manager';
  const users = useQuery({ queryKey: queryKeys.users, queryFn: () => ipc.userList(), enabled: admin });
  const assignees = useQuery({
    queryKey: queryKeys.leadAssignees(),
    queryFn: () => ipc.leadAssignees(null),
    enabled: manager,
  });
  if (admin) return (users.data ?? []).filter((u) => u.active);
  if (manager) return assignees.data ?? [];
  return [];
}

export function useNotifications() {
  return useQuery({
    queryKey: queryKeys.notifications,
    queryFn: () => ipc.notificationList(NOTIFICATIONS_SHOWN),
    // Reminders fall due without any change event; a minute is as fine as the core's scheduler.
    refetchInterval: 60_000,
  });
}
