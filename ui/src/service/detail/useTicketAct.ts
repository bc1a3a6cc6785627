import { App } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type Ticket, type TicketActionInput } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';

/** Takes a status action (or assigns); on success the ticket, the lists and the customer's card refresh. */
export function useTicketAct(ticket: Ticket, onDone?: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TicketActionInput & { taking?: boolean }) =>
      ipc.ticketAct(ticket.id, { action: input.action, assignee: input.assignee ?? null, note: input.note ?? null }),
    onSuccess: (saved, input) => {
      queryClient.setQueryData(queryKeys.ticket(ticket.id), (old: { ticket: Ticket } | undefined) =>
        old ? { ...old, ticket: saved } : old,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.ticket(ticket.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.tickets });
      void queryClient.invalidateQueries({ queryKey: queryKeys.customerTickets(ticket.customerId) });
      void message.success(t(`service.done.${input.taking ? 'take' : input.action}`));
      onDone?.();
    },
    onError: (e) => void message.error(t('service.detail.actionFailed', { message: errorMessage(e) })),
  });
}
