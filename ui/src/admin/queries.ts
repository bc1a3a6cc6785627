import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ipc } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';

export function useUsers() {
  return useQuery({ queryKey: queryKeys.users, queryFn: () => ipc.userList() });
}

export function useOrgUnits() {
  return useQuery({ queryKey: queryKeys.orgUnits, queryFn: () => ipc.orgList() });
}

export function useTerritories() {
  return useQuery({ queryKey: queryKeys.territories, queryFn: () => ipc.territoryList() });
}

/**
 * Users, units and territories show each other's names and counts, so a change to any of them
 * refreshes all three (the core sends no change events for these).
 */
export function useRefreshAdminData() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: queryKeys.admin });
}

/**
 * Asks the core again who is signed in, after an administrator edited users: they may have
 * renamed themselves or handed the administrator role to someone else.
 */
export function useRefreshCurrentUser() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: queryKeys.authStatus });
}
