import { App } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type LeadActionInput } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';

/** Actions a person chooses from the action bar (follow-up and conversion have their own forms). */
export type BarAction = 'assign' | 'claim' | 'mark_invalid' | 'reopen' | 'void' | 'restore' | 'return';

interface Options {
  onDone?: () => void;
  /** Show a refusal as a message; dialogs show it inside instead and stay open on it. */
  toastErrors?: boolean;
}

/** Takes one action on the lead and refreshes it: its status, owner, story and the lists. */
export function useLeadAct(leadId: string, { onDone, toastErrors = false }: Options = {}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LeadActionInput & { action: BarAction }) => ipc.leadAct(leadId, input),
    onSuccess: (lead, input) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.lead(leadId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.leads });
      void message.success(t(`leads.done.${input.action}`, { name: lead.ownerName ?? lead.owner ?? '' }));
      onDone?.();
    },
    onError: (e) => {
      if (toastErrors) void message.error(t('common.failed', { message: errorMessage(e) }));
    },
  });
}
