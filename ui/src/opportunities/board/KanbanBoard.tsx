import { useState } from 'react';
import { Alert, App, Empty, Spin } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type BoardColumn, type Opportunity, type StageRef } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { LostReasonModal } from '../LostReasonModal';
import { stageName, useLanguage } from '../stageDisplay';
import { BoardColumnView } from './BoardColumnView';
import { OpportunityCard } from './OpportunityCard';
import { moveCard } from './boardMoves';

/** Cards per column: the latest ones; the list view has the rest. */
export const CARDS_PER_STAGE = 50;

interface Move {
  opportunity: Opportunity;
  stage: StageRef;
  lostReason: string | null;
}

/** The board of opportunities by stage; a card dropped on another column moves it there. */
export function KanbanBoard({ owner }: { owner: string | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = queryKeys.board(owner);
  const board = useQuery({ queryKey: key, queryFn: () => ipc.opportunityBoard(owner, CARDS_PER_STAGE) });
  const [dragging, setDragging] = useState<Opportunity | null>(null);
  // A drop on the lost column waits here for the reason.
  const [losing, setLosing] = useState<{ opportunity: Opportunity; stage: StageRef } | null>(null);

  const move = useMutation({
    mutationFn: ({ opportunity, stage, lostReason }: Move) => ipc.opportunityMove(opportunity.id, stage.id, lostReason),
    onMutate: async ({ opportunity, stage }) => {
      // The card lands at once; a refusal puts it back.
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<BoardColumn[]>(key);
      if (before) queryClient.setQueryData(key, moveCard(before, opportunity, stage));
      return { before };
    },
    onSuccess: (moved) => {
      setLosing(null);
      void message.success(t('opportunities.board.moved', { name: moved.name, stage: stageName(moved.stage, language) }));
    },
    onError: (e, _move, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before);
      void message.error({ content: <span data-testid="move-error">{t('common.failed', { message: errorMessage(e) })}</span> });
    },
    // Whatever happened, the board shows the core's truth next (totals, other people's moves).
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.opportunities }),
  });

  const dropOn = (stage: StageRef) => {
    const card = dragging;
    setDragging(null);
    if (!card || card.stage.id === stage.id) return;
    if (stage.outcome === 'lost') {
      move.reset();
      setLosing({ opportunity: card, stage });
    }
    else move.mutate({ opportunity: card, stage, lostReason: null });
  };

  if (board.isPending) {
    return (
      <div className="page-center board-loading">
        <Spin />
      </div>
    );
  }
  if (board.isError) return <Alert type="error" showIcon title={errorMessage(board.error)} />;
  if (board.data.length === 0) return <Empty description={t('opportunities.board.noStages')} />;

  return (
    <div className="kanban" data-testid="kanban">
      {board.data.map((column) => (
        <BoardColumnView
          key={column.stage.id}
          column={column}
          accepts={dragging !== null && dragging.stage.id !== column.stage.id}
          onDrop={() => dropOn(column.stage)}
        >
          {column.items.map((o) => (
            <OpportunityCard
              key={o.id}
              opportunity={o}
              compact={column.stage.outcome !== 'open'}
              dragging={dragging?.id === o.id}
              onDragStart={setDragging}
              onDragEnd={() => setDragging(null)}
            />
          ))}
        </BoardColumnView>
      ))}
      {losing && (
        <LostReasonModal
          name={losing.opportunity.name}
          saving={move.isPending}
          error={move.error}
          onCancel={() => setLosing(null)}
          onSubmit={(reason) => move.mutate({ ...losing, lostReason: reason })}
        />
      )}
    </div>
  );
}
