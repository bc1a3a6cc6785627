// The duplicate review's calls. The core finds the clusters, merges and undoes; every change
// here is followed by a fresh scan, since a merge or a "not the same" mark changes the clusters.
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { ipc, type MergeRequest, type ScanOptions } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';

export function useDuplicateScan(options: ScanOptions) {
  return useQuery({ queryKey: queryKeys.duplicateScan(options), queryFn: () => ipc.duplicateScan(options) });
}

/** The full records of a cluster's members, in the cluster's order; `data` once all are read. */
export function useMergeMembers(ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({ queryKey: queryKeys.customerRecord(id), queryFn: () => ipc.customerGet(id) })),
    combine: (results) => ({
      data: results.every((r) => r.isSuccess) ? results.map((r) => r.data) : undefined,
      error: results.find((r) => r.isError)?.error ?? null,
    }),
  });
}

/**
 * Scan, history, the customer list and the records of those involved all change with a merge,
 * its undo or a dismissal; the change events say so too, but this view must not wait on them.
 */
function useRefreshAfterChange() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.customers }),
      queryClient.invalidateQueries({ queryKey: queryKeys.customer() }),
    ]);
}

export function useMergeCustomers() {
  const refresh = useRefreshAfterChange();
  return useMutation({ mutationFn: (request: MergeRequest) => ipc.customerMerge(request), onSuccess: refresh });
}

export function useDismissDuplicates() {
  const refresh = useRefreshAfterChange();
  return useMutation({ mutationFn: (ids: string[]) => ipc.duplicateDismiss(ids), onSuccess: refresh });
}

export function useMergeHistory() {
  return useQuery({ queryKey: queryKeys.mergeHistory, queryFn: () => ipc.mergeHistory() });
}

export function useUndoMerge() {
  const refresh = useRefreshAfterChange();
  return useMutation({ mutationFn: (merge: string) => ipc.mergeUndo(merge), onSuccess: refresh });
}
