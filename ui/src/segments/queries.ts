// The queries the segment screens share, so that one key always means one command.
import { useEffect, useState } from 'react';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { ipc, type Condition } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';

/** Members are read this many at a time; "load more" asks for the next page after the cursor. */
export const MEMBERS_PAGE = 50;
/** How long typing in the builder may pause before the live count is asked again. */
export const LIVE_COUNT_DELAY_MS = 300;

export function useSegments() {
  return useQuery({ queryKey: queryKeys.segmentList, queryFn: () => ipc.segmentList() });
}

export function useSegment(id: string) {
  return useQuery({ queryKey: queryKeys.segment(id), queryFn: () => ipc.segmentGet(id) });
}

export function useSegmentCount(id: string) {
  return useQuery({ queryKey: queryKeys.segmentCount(id), queryFn: () => ipc.segmentCount(id) });
}

/** The fields a segment condition may test, custom dimensions, order aggregates and segments included. */
export function useSegmentFields() {
  return useQuery({ queryKey: queryKeys.segmentFields, queryFn: () => ipc.segmentFields(), staleTime: 5 * 60_000 });
}

/** The segment's members, MEMBERS_PAGE at a time, each page after the last one's cursor. */
export function useSegmentMembers(id: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.segmentMembers(id),
    queryFn: ({ pageParam }) => ipc.segmentMembers(id, pageParam, MEMBERS_PAGE),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useSegmentExplanation(id: string, customerId: string | null) {
  return useQuery({
    queryKey: queryKeys.segmentExplain(id, customerId ?? ''),
    queryFn: () => ipc.segmentExplain(id, customerId ?? ''),
    enabled: customerId !== null,
  });
}

/** `value`, once it has stood still for `delay` ms. */
function useSettled<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/**
 * How many customers a definition being edited holds, asked once the editing pauses. While the
 * next answer is on its way the last one stays (marked as stale by `isPlaceholderData`).
 */
export function useLiveCount(condition: Condition, enabled: boolean) {
  const settled = useSettled(condition, LIVE_COUNT_DELAY_MS);
  return useQuery({
    queryKey: queryKeys.segmentLiveCount(settled),
    queryFn: () => ipc.segmentCountCondition(settled),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
