import { useEffect } from 'react';
import { useQueryClient, type QueryClient, type Query } from '@tanstack/react-query';
import { onDataChanged, type DataChanged } from './client';
import { queryKeys } from './queryKeys';

/**
 * An infinite list refetches every loaded page when invalidated; past this many pages it is
 * cheaper (and nearly as good for the user) to start the list again from the top.
 */
const MAX_PAGES_TO_REFETCH = 20;

function customerPart(query: Query, ids: string[], parts: string[]): boolean {
  const [root, id, part] = query.queryKey as unknown[];
  return root === 'customer' && (ids.length === 0 || ids.includes(id as string)) && parts.includes(part as string);
}

function refreshCustomerList(client: QueryClient) {
  const deep = client
    .getQueryCache()
    .findAll({ queryKey: ['customers', 'pages'] })
    .filter((q) => ((q.state.data as { pages?: unknown[] } | undefined)?.pages?.length ?? 0) > MAX_PAGES_TO_REFETCH);
  for (const q of deep) void client.resetQueries({ queryKey: q.queryKey, exact: true });
  void client.invalidateQueries({ queryKey: queryKeys.customers });
}

/**
 * What segment counts, members and explanations are made of: a segment's definition, and the
 * customers' fields, tags, activities and orders its conditions test.
 */
const SEGMENT_INPUTS = ['segment', 'customer', 'activity', 'order', 'field', 'tag'];

/**
 * What a campaign's audience, previews, results and recipients are made of: the campaign, its
 * segments, the customers (names, addresses, unsubscriptions), contacts' addresses, the orders
 * attributed to it, and the fields and tags its placeholders name.
 */
const CAMPAIGN_INPUTS = ['campaign', 'segment', 'customer', 'contact', 'order', 'field', 'tag'];

/** Marks stale what a change touches; TanStack Query refetches whatever is on screen. */
export function applyDataChanged(client: QueryClient, change: DataChanged) {
  const { entity, ids } = change;
  if (SEGMENT_INPUTS.includes(entity)) void client.invalidateQueries({ queryKey: queryKeys.segments });
  if (CAMPAIGN_INPUTS.includes(entity)) void client.invalidateQueries({ queryKey: queryKeys.campaigns });
  switch (entity) {
    case 'customer':
      refreshCustomerList(client);
      // Dynamic segments follow the customer's fields; a recompute (no ids) changes every RFM card;
      // an unsubscription shows on the customer's campaigns card.
      void client.invalidateQueries({
        predicate: (q) => customerPart(q, ids, ['record', 'history', 'segments', 'rfm', 'campaigns']),
      });
      void client.invalidateQueries({ queryKey: ['search'] });
      // Territories count their customers.
      void client.invalidateQueries({ queryKey: queryKeys.territories });
      break;
    case 'contact':
      // Contact events carry the customer's id (or none on delete).
      void client.invalidateQueries({ predicate: (q) => customerPart(q, ids, ['contacts', 'history']) });
      void client.invalidateQueries({ queryKey: ['search'] });
      break;
    case 'activity':
      // Segments may depend on the last activity.
      void client.invalidateQueries({ predicate: (q) => customerPart(q, ids, ['activities', 'history', 'segments']) });
      break;
    case 'order':
      // Order events carry the order's id only: every open customer's orders, and the segments
      // that depend on purchases.
      void client.invalidateQueries({ predicate: (q) => customerPart(q, [], ['orders', 'segments']) });
      break;
    case 'field':
      void client.invalidateQueries({ queryKey: queryKeys.fields });
      refreshCustomerList(client);
      void client.invalidateQueries({ queryKey: queryKeys.customer() });
      break;
    case 'tag':
      void client.invalidateQueries({ queryKey: queryKeys.tags });
      refreshCustomerList(client);
      void client.invalidateQueries({ queryKey: queryKeys.customer() });
      break;
    case 'lead':
      void client.invalidateQueries({ queryKey: queryKeys.leads });
      void client.invalidateQueries({ queryKey: queryKeys.lead() });
      void client.invalidateQueries({ predicate: (q) => customerPart(q, [], ['sales']) });
      break;
    case 'opportunity':
      // Opportunity events carry the opportunity's and its customer's ids.
      void client.invalidateQueries({ queryKey: queryKeys.opportunities });
      void client.invalidateQueries({ queryKey: queryKeys.opportunity() });
      void client.invalidateQueries({ queryKey: ['funnel'] });
      void client.invalidateQueries({ queryKey: queryKeys.stages });
      void client.invalidateQueries({ predicate: (q) => customerPart(q, ids, ['sales', 'history', 'activities']) });
      break;
    case 'ticket':
      // Ticket events carry the ticket's and its customer's ids (none for settings).
      void client.invalidateQueries({ queryKey: queryKeys.tickets });
      void client.invalidateQueries({ queryKey: queryKeys.ticket() });
      void client.invalidateQueries({ queryKey: queryKeys.serviceSettings });
      void client.invalidateQueries({ predicate: (q) => customerPart(q, ids, ['tickets', 'history']) });
      break;
    case 'task':
      void client.invalidateQueries({ queryKey: queryKeys.tasks });
      break;
    case 'notification':
      void client.invalidateQueries({ queryKey: queryKeys.notifications });
      break;
    case 'rule':
      void client.invalidateQueries({ queryKey: queryKeys.rules });
      break;
    case 'segment':
      // A segment made, changed, taken again or deleted: which segments every customer is in.
      void client.invalidateQueries({ predicate: (q) => customerPart(q, [], ['segments']) });
      break;
    case 'campaign':
      // Campaign events carry the campaign's id: a send or a mark changes what every open
      // customer's campaigns card shows.
      void client.invalidateQueries({ predicate: (q) => customerPart(q, [], ['campaigns']) });
      break;
    default:
      // Something this UI does not know yet (e.g. a bulk import): refresh everything.
      void client.invalidateQueries();
  }
}

/** Subscribes once for the life of the app so that open views follow changes made anywhere. */
export function useDataChangedRefresh() {
  const client = useQueryClient();
  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    onDataChanged((change) => applyDataChanged(client, change))
      .then((unlisten) => {
        if (cancelled) unlisten();
        else stop = unlisten;
      })
      .catch((e: unknown) => console.warn('change events unavailable', e));
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [client]);
}
