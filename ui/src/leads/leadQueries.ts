// The queries every leads screen shares, so that one key always means one command.
import { useQuery } from '@tanstack/react-query';
import { ipc } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';

export function useLeadDetail(id: string) {
  return useQuery({ queryKey: queryKeys.lead(id), queryFn: () => ipc.leadGet(id) });
}

/** Who may be given leads (with a lead: who may take that one); managers and admins only. */
export function useAssignees(leadId: string | null, enabled = true) {
  return useQuery({
    queryKey: queryKeys.leadAssignees(leadId ?? undefined),
    queryFn: () => ipc.leadAssignees(leadId),
    enabled,
  });
}

export function usePoolRules() {
  return useQuery({ queryKey: queryKeys.poolRules, queryFn: () => ipc.poolRulesGet() });
}

export function useStages() {
  return useQuery({ queryKey: queryKeys.stages, queryFn: () => ipc.stageList() });
}
