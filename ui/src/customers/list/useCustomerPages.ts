import { useInfiniteQuery } from '@tanstack/react-query';
import { ipc, type CustomerFilter, type SortSpec } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';

export const PAGE_SIZE = 100;

/** The list in keyset pages of 100; the next page starts at the cursor the last one returned. */
export function useCustomerPages(filter: CustomerFilter, sort: SortSpec, enabled: boolean) {
  const request = { filter, sort, limit: PAGE_SIZE };
  return useInfiniteQuery({
    queryKey: queryKeys.customerPages(request),
    queryFn: ({ pageParam }) => ipc.customerList({ ...request, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}
