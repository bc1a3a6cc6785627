import { useState } from 'react';
import { Button, Tooltip } from 'antd';
import { CheckOutlined, CloseOutlined, TrophyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Opportunity, Stage, StageChange } from '../../ipc/client';
import { LostReasonModal } from '../LostReasonModal';
import { useStages } from '../queries';
import { stageName, useLanguage } from '../stageDisplay';
import { useMoveOpportunity } from './useMoveOpportunity';

/**
 * How far along the open stages the opportunity got: its own stage while open, all of them when
 * won, and when lost the stage it was lost from (the newest change into the lost stage says).
 */
function furthestOpen(open: Stage[], o: Opportunity, changes: StageChange[]): number {
  const index = (id: string | undefined) => open.findIndex((s) => s.id === id);
  if (o.stage.outcome === 'open') return index(o.stage.id);
  if (o.stage.outcome === 'won') return open.length - 1;
  return index(changes.find((c) => c.to.id === o.stage.id)?.from?.id);
}

/**
 * The open stages as a path of chevrons with the current one lit, and won / lost at the end;
 * clicking a stage moves the opportunity there (lost asks why first).
 */
export function StageStepper({ opportunity: o, changes }: { opportunity: Opportunity; changes: StageChange[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const stages = useStages();
  const move = useMoveOpportunity(o.id);
  const [losing, setLosing] = useState<Stage | null>(null);
  const all = stages.data ?? [];
  const open = all.filter((s) => s.outcome === 'open');
  const closed = all.filter((s) => s.outcome !== 'open');
  const furthest = furthestOpen(open, o, changes);

  const go = (stage: Stage) => {
    if (!o.mayEdit || stage.id === o.stage.id || move.isPending) return;
    if (stage.outcome === 'lost') {
      move.reset();
      setLosing(stage);
    } else {
      move.mutate({ stage, lostReason: null });
    }
  };
  const title = o.mayEdit ? undefined : t('opportunities.detail.readOnly', { owner: o.ownerName });

  return (
    <div className="stage-stepper" data-testid="stage-stepper">
      <div className="stage-path">
        {open.map((s, i) => {
          const state = s.id === o.stage.id ? 'current' : i <= furthest ? 'passed' : 'ahead';
          return (
            <Tooltip key={s.id} title={title ?? `${stageName(s, language)} · ${s.probability}%`}>
              <button
                type="button"
                className={`stage-chevron ${state}`}
                disabled={!o.mayEdit}
                onClick={() => go(s)}
                data-testid={`stage-step-${s.key}`}
                aria-current={state === 'current' ? 'step' : undefined}
              >
                {state === 'passed' && <CheckOutlined />} {stageName(s, language)}
              </button>
            </Tooltip>
          );
        })}
      </div>
      <div className="stage-outcomes">
        {closed.map((s) => {
          const current = s.id === o.stage.id;
          return (
            <Tooltip key={s.id} title={title}>
              <Button
                type={current ? 'primary' : 'default'}
                danger={s.outcome === 'lost'}
                className={s.outcome === 'won' ? 'stage-won-button' : undefined}
                icon={s.outcome === 'won' ? <TrophyOutlined /> : <CloseOutlined />}
                disabled={!o.mayEdit}
                loading={move.isPending && move.variables.stage.id === s.id}
                onClick={() => go(s)}
                data-testid={`stage-step-${s.key}`}
              >
                {current
                  ? stageName(s, language)
                  : t(s.outcome === 'won' ? 'opportunities.detail.markWon' : 'opportunities.detail.markLost')}
              </Button>
            </Tooltip>
          );
        })}
      </div>
      {losing && (
        <LostReasonModal
          name={o.name}
          saving={move.isPending}
          error={move.error}
          onCancel={() => setLosing(null)}
          onSubmit={(reason) => move.mutate({ stage: losing, lostReason: reason }, { onSuccess: () => setLosing(null) })}
        />
      )}
    </div>
  );
}
