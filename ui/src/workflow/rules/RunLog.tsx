import type { HTMLAttributes } from 'react';
import { Alert, Button, Empty, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckCircleOutlined, CloseCircleOutlined, SyncOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage, type RuleRun, type WorkflowRule } from '../../ipc/client';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../customers/display';
import { RecordLink } from '../recordLinks';
import { useRuleRuns } from '../queries';
import { ruleDisplayName } from './ruleModel';
import { EntityTag, TriggerText } from './ruleLabels';

const OUTCOMES = {
  applied: { color: 'success', icon: <CheckCircleOutlined /> },
  failed: { color: 'error', icon: <CloseCircleOutlined /> },
  loop: { color: 'warning', icon: <SyncOutlined /> },
} as const;

export function RunOutcomeTag({ outcome }: { outcome: string }) {
  const { t } = useTranslation();
  const known = (['applied', 'failed', 'loop'] as const).find((o) => o === outcome);
  if (!known) return <Tag>{outcome}</Tag>;
  return (
    <Tag color={OUTCOMES[known].color} icon={OUTCOMES[known].icon} className="run-outcome" data-testid="run-outcome">
      {t(`workflow.runs.outcomes.${known}`)}
    </Tag>
  );
}

interface Props {
  /** One rule's runs; all runs when null. */
  ruleId: string | null;
  /** The rules now, to show a default rule's name in the language in use. */
  rules?: WorkflowRule[];
}

/** What the rules did, newest first: on which record, set off by what, and how it ended. */
export function RunLog({ ruleId, rules = [] }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const runs = useRuleRuns(ruleId);
  const rows = runs.data?.pages.flat() ?? [];
  const ruleName = (run: RuleRun) => {
    const rule = rules.find((r) => r.id === run.ruleId);
    return rule ? ruleDisplayName(rule, language) : run.ruleName;
  };

  const columns: ColumnsType<RuleRun> = [
    {
      key: 'at',
      title: t('workflow.runs.at'),
      width: 140,
      render: (_, r) => <Typography.Text type="secondary">{formatDateTime(r.at)}</Typography.Text>,
    },
    ...(ruleId === null
      ? [{ key: 'rule', title: t('workflow.runs.rule'), width: 200, ellipsis: true, render: (_: unknown, r: RuleRun) => ruleName(r) }]
      : []),
    {
      key: 'record',
      title: t('workflow.runs.record'),
      width: 200,
      render: (_, r) => (
        <span className="run-record">
          <EntityTag entity={r.entity} />
          <RecordLink kind={r.entity} id={r.recordId} label={r.recordLabel} testId="run-record" />
        </span>
      ),
    },
    { key: 'trigger', title: t('workflow.runs.trigger'), width: 110, render: (_, r) => <TriggerText trigger={r.trigger} /> },
    {
      key: 'depth',
      title: <Tooltip title={t('workflow.runs.depthHint')}>{t('workflow.runs.depth')}</Tooltip>,
      width: 60,
      align: 'right',
      render: (_, r) => r.depth,
    },
    {
      key: 'outcome',
      title: t('workflow.runs.outcome'),
      render: (_, r) => (
        <div className={`run-outcome-cell run-${r.outcome}`}>
          <RunOutcomeTag outcome={r.outcome} />
          <span className="run-detail" data-testid="run-detail">
            {r.detail}
          </span>
        </div>
      ),
    },
  ];

  return (
    <div className="run-log" data-testid="run-log">
      {runs.isError && <Alert type="error" showIcon title={t('workflow.runs.failed', { message: errorMessage(runs.error) })} />}
      <Table<RuleRun>
        size="small"
        rowKey="seq"
        className="run-table"
        loading={runs.isPending}
        dataSource={rows}
        columns={columns}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workflow.runs.empty')} /> }}
        onRow={(r) => ({ 'data-testid': 'run-row', 'data-outcome': r.outcome }) as HTMLAttributes<HTMLTableRowElement>}
      />
      {runs.hasNextPage && (
        <div className="run-log-more">
          <Button loading={runs.isFetchingNextPage} onClick={() => void runs.fetchNextPage()} data-testid="runs-load-more">
            {t('common.loadMore')}
          </Button>
        </div>
      )}
    </div>
  );
}
