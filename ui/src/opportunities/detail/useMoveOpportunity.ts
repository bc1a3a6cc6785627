import { App } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type StageRef } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { stageName, useLanguage } from '../stageDisplay';

interface Move {
  stage: StageRef;
  lostReason: string | null;
}

/** Moves one opportunity to another stage from its page; a refusal is shown as the core says it. */
export function useMoveOpportunity(id: string) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ stage, lostReason }: Move) => ipc.opportunityMove(id, stage.id, lostReason),
    onSuccess: (moved) =>
      void message.success(t('opportunities.board.moved', { name: moved.name, stage: stageName(moved.stage, language) })),
    onError: (e) => void message.error(t('common.failed', { message: errorMessage(e) })),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.opportunity(id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.opportunities });
    },
  });
}
