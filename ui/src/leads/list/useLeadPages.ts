import { useInfiniteQuery } from '@tanstack/react-query';
import { ipc, type LeadListRequest } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';

export const LEAD_PAGE_SIZE = 50;

/** Leads in keyset pages of 50, last changed first; the next page starts at the returned cursor. */
export function useLeadPages(request: Omit<LeadListRequest, 'cursor' | 'limit'>) {
  const full = { ...request, limit: LEAD_PAGE_SIZE };
  return useInfiniteQuery({
    queryKey: queryKeys.leadPages(full),
    queryFn: ({ pageParam }) => ipc.leadList({ ...full, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
