import { useRef, useState } from 'react';
import { Alert, App, Button, Space, Spin, Typography } from 'antd';
import { PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';
import { useCurrentUser } from '../auth/CurrentUser';
import { useStages } from './queries';
import { stageName, useLanguage } from './stageDisplay';
import { StageRow } from './stages/StageRow';
import {
  addOpenStage,
  canMove,
  fromStages,
  moveStage,
  removeStage,
  toStageInputs,
  updateStage,
  type StageDraft,
} from './stages/stagesModel';
import './stages/stagesPanel.css';

/**
 * The opportunity stages in order with their default probabilities. The administrator edits the
 * whole list and saves it at once; everyone else sees it.
 */
export function StagesPanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const { isAdmin } = useCurrentUser();
  const queryClient = useQueryClient();
  const stages = useStages();
  // null: nothing edited yet, the saved list shows.
  const [drafts, setDrafts] = useState<StageDraft[] | null>(null);
  const added = useRef(0);
  const save = useMutation({
    mutationFn: (list: StageDraft[]) => ipc.stageSave(toStageInputs(list)),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.stages, saved);
      void queryClient.invalidateQueries({ queryKey: queryKeys.opportunities });
      setDrafts(null);
      void message.success(t('opportunities.stages.saved'));
    },
  });

  if (stages.isPending) return <Spin />;
  if (stages.isError) return <Alert type="error" showIcon title={errorMessage(stages.error)} />;
  const list = drafts ?? fromStages(stages.data);
  const undo = () => {
    setDrafts(null);
    save.reset();
  };

  return (
    <div className="settings-panel stages-panel" data-testid="stages-panel">
      <div className="panel-toolbar">
        <Typography.Text type="secondary">
          {t(isAdmin ? 'opportunities.stages.hint' : 'opportunities.stages.adminOnly')}
        </Typography.Text>
        {isAdmin && (
          <Space>
            <Button icon={<PlusOutlined />} onClick={() => setDrafts(addOpenStage(list, `new-${++added.current}`))} data-testid="stage-add">
              {t('opportunities.stages.add')}
            </Button>
            <Button icon={<UndoOutlined />} disabled={drafts === null} onClick={undo} data-testid="stages-reset">
              {t('opportunities.stages.reset')}
            </Button>
            <Button
              type="primary"
              disabled={drafts === null}
              loading={save.isPending}
              onClick={() => save.mutate(list)}
              data-testid="stages-save"
            >
              {t('common.save')}
            </Button>
          </Space>
        )}
      </div>
      {save.isError && (
        <Alert
          type="error"
          showIcon
          title={t('opportunities.stages.refused')}
          description={errorMessage(save.error)}
          data-testid="stages-error"
        />
      )}
      <div className="stage-table" role="table">
        <div className="stage-table-row stage-table-head" role="row">
          <span>#</span>
          <span>{t('opportunities.stages.nameZh')}</span>
          <span>{t('opportunities.stages.nameEn')}</span>
          <span>{t('opportunities.stages.probability')}</span>
          <span>{t('opportunities.stages.outcome')}</span>
          <span>{t('opportunities.stages.count')}</span>
          <span />
        </div>
        {list.map((s, i) => (
          <StageRow
            key={s.rowKey}
            stage={s}
            index={i}
            editor={
              isAdmin
                ? {
                    onChange: (change) => setDrafts(updateStage(list, i, change)),
                    onMove: (step) => setDrafts(moveStage(list, i, step)),
                    onRemove: () => setDrafts(removeStage(list, i)),
                    canMove: (step) => canMove(list, i, step),
                  }
                : null
            }
          />
        ))}
      </div>
      {!isAdmin && (
        <Typography.Text type="secondary">
          {list
            .filter((s) => s.outcome === 'open')
            .map((s) => stageName(s, language))
            .join(' → ')}
        </Typography.Text>
      )}
    </div>
  );
}
