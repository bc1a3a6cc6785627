// The queries every ticket screen shares, so that one key always means one command.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { ipc, type TicketListRequest } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';
import { useCurrentUser } from '../auth/CurrentUser';

export const TICKET_PAGE_SIZE = 50;

/** Tickets in keyset pages; the next page starts at the returned cursor. */
export function useTicketPages(request: Omit<TicketListRequest, 'cursor' | 'limit'>) {
  const full = { ...request, limit: TICKET_PAGE_SIZE };
  return useInfiniteQuery({
    queryKey: queryKeys.ticketPages(full),
    queryFn: ({ pageParam }) => ipc.ticketList({ ...full, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useTicketCounts() {
  return useQuery({ queryKey: queryKeys.ticketCounts, queryFn: () => ipc.ticketCounts() });
}

export function useTicketDetail(id: string) {
  return useQuery({ queryKey: queryKeys.ticket(id), queryFn: () => ipc.ticketGet(id) });
}

export function useCustomerTickets(customerId: string) {
  return useQuery({ queryKey: queryKeys.customerTickets(customerId), queryFn: () => ipc.customerTickets(customerId) });
}

/** Who may be given tickets, with their loads; only fetched where someone may assign. */
export function useAgents(enabled = true) {
  return useQuery({ queryKey: queryKeys.agents, queryFn: () => ipc.agentList(), enabled });
}

/** Managers and administrators assign tickets to others; the core decides, this only shapes the UI. */
export function useSupervisesTickets(): boolean {
  const { user } = useCurrentUser();
  return user.role === 'manager' || user.role === 'admin';
}

/**
 * A function naming an account by its sign-in name (the agents' display names; the routing as
 * "system"). Events and tickets carry sign-in names only.
 */
export function useAgentNames(): (login: string | null) => string {
  const agents = useAgents();
  return (login) => {
    if (!login) return '';
    const agent = agents.data?.find((a) => a.login.toLowerCase() === login.toLowerCase());
    return agent?.displayName || login;
  };
}
