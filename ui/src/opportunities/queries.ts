// The reads the opportunity screens share; every key sits under what change events invalidate.
import { useQuery } from '@tanstack/react-query';
import { ipc } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';

export function useStages() {
  return useQuery({ queryKey: queryKeys.stages, queryFn: () => ipc.stageList() });
}

export function useOpportunity(id: string) {
  return useQuery({ queryKey: queryKeys.opportunity(id), queryFn: () => ipc.opportunityGet(id) });
}
