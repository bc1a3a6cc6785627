import { Button, Input, InputNumber, Tag, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { StageOutcome } from '../../ipc/client';
import { outcomeColor } from '../stageDisplay';
import type { StageDraft } from './stagesModel';

const OUTCOME_TAG: Record<StageOutcome, string> = { open: 'blue', won: 'green', lost: 'red' };

interface Props {
  stage: StageDraft;
  index: number;
  /** Null: shown, not edited (anyone but the administrator). */
  editor: {
    onChange: (change: Partial<StageDraft>) => void;
    onMove: (step: -1 | 1) => void;
    onRemove: () => void;
    canMove: (step: -1 | 1) => boolean;
  } | null;
}

/** One stage in the settings list: names, default probability, kind, how many opportunities it holds. */
export function StageRow({ stage: s, index: i, editor }: Props) {
  const { t } = useTranslation();
  const closed = s.outcome !== 'open';
  return (
    <div className="stage-table-row" role="row" data-testid="stage-row">
      <span className="stage-index" style={{ background: outcomeColor(s.outcome) }}>
        {i + 1}
      </span>
      {editor ? (
        <>
          <Input
            value={s.nameZh}
            maxLength={50}
            onChange={(e) => editor.onChange({ nameZh: e.target.value })}
            data-testid={`stage-name-zh-${i}`}
          />
          <Input
            value={s.nameEn}
            maxLength={50}
            onChange={(e) => editor.onChange({ nameEn: e.target.value })}
            data-testid={`stage-name-en-${i}`}
          />
          <InputNumber
            value={s.probability}
            min={0}
            max={100}
            precision={0}
            suffix="%"
            // Won is always 100% and lost 0%: the core sets them.
            disabled={closed}
            onChange={(v) => editor.onChange({ probability: v ?? 0 })}
            data-testid={`stage-probability-${i}`}
          />
        </>
      ) : (
        <>
          <span className="stage-name">{s.nameZh}</span>
          <span className="stage-name">{s.nameEn}</span>
          <span className="stage-probability">
            <span className="stage-probability-bar">
              <span style={{ width: `${s.probability}%`, background: outcomeColor(s.outcome) }} />
            </span>
            {s.probability}%
          </span>
        </>
      )}
      <span>
        <Tag color={OUTCOME_TAG[s.outcome]} variant="filled">
          {t(`opportunities.stages.outcomes.${s.outcome}`)}
        </Tag>
      </span>
      <span className="stage-count">{t('opportunities.stages.countValue', { count: s.opportunityCount })}</span>
      <span className="stage-actions">
        {editor && (
          <>
            <Tooltip title={t('opportunities.stages.up')}>
              <Button
                type="text"
                size="small"
                icon={<ArrowUpOutlined />}
                disabled={!editor.canMove(-1)}
                onClick={() => editor.onMove(-1)}
                aria-label={t('opportunities.stages.up')}
                data-testid={`stage-up-${i}`}
              />
            </Tooltip>
            <Tooltip title={t('opportunities.stages.down')}>
              <Button
                type="text"
                size="small"
                icon={<ArrowDownOutlined />}
                disabled={!editor.canMove(1)}
                onClick={() => editor.onMove(1)}
                aria-label={t('opportunities.stages.down')}
                data-testid={`stage-down-${i}`}
              />
            </Tooltip>
            {/* A stage still holding opportunities is refused by the core, which says so. */}
            <Tooltip title={closed ? t('opportunities.stages.keepClosed') : t('common.remove')}>
              <Button
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                disabled={closed}
                onClick={editor.onRemove}
                aria-label={t('common.remove')}
                data-testid={`stage-remove-${i}`}
              />
            </Tooltip>
          </>
        )}
      </span>
    </div>
  );
}
