// The queries and commands of the value assessment, so that one key always means one command.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ipc, type RfmSettings, type User } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';

export function useRfmSummary() {
  return useQuery({ queryKey: queryKeys.rfmSummary, queryFn: () => ipc.rfmSummary() });
}

export function useRfmSettings() {
  return useQuery({ queryKey: queryKeys.rfmSettings, queryFn: () => ipc.rfmSettings() });
}

export function useCustomerRfm(customerId: string) {
  return useQuery({ queryKey: queryKeys.customerRfm(customerId), queryFn: () => ipc.customerRfm(customerId) });
}

/** The core lets managers and administrators recompute; the UI offers it to them only. */
export function canRecompute(user: User): boolean {
  return user.role === 'admin' || user.role === 'manager';
}

export interface RecomputeInput {
  /** `YYYY-MM-DD`; null: today. */
  asOf: string | null;
  /** null: the settings' window. */
  windowDays: number | null;
}

/**
 * Recomputes every customer's assessment. The summary it answers with goes straight to the
 * page; everything a recompute changes (settings' last run and window, customers' assessments and
 * tiers) is marked stale. The core also announces a customer change, which covers other windows.
 */
export function useRecompute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ asOf, windowDays }: RecomputeInput) => ipc.rfmRecompute(asOf, windowDays),
    onSuccess: (summary) => {
      queryClient.setQueryData(queryKeys.rfmSummary, { ...summary, changedTiers: null });
      void queryClient.invalidateQueries({ queryKey: queryKeys.rfmSettings });
      // The list and records show the tiers a recompute may have written; each customer's
      // assessment sits under the customer.
      void queryClient.invalidateQueries({ queryKey: queryKeys.customers, predicate: (q) => q.queryKey[1] !== 'rfm' });
      void queryClient.invalidateQueries({ queryKey: queryKeys.customer() });
    },
  });
}

export function useSaveRfmSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: RfmSettings) => ipc.rfmSetSettings(settings),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.rfmSettings, saved),
  });
}
