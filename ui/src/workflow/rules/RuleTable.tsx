import type { HTMLAttributes } from 'react';
import { Button, Popconfirm, Space, Switch, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DeleteOutlined, EditOutlined, EyeOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ConditionField, Entity, WorkflowRule } from '../../ipc/client';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../customers/display';
import { describeCondition } from '../conditions/conditionSummary';
import { describeActions } from './actionSummary';
import { ruleDisplayName } from './ruleModel';
import { EntityTag, TriggerText } from './ruleLabels';
import { useRuleCommands } from './useRuleCommands';

interface Props {
  rules: WorkflowRule[];
  loading: boolean;
  catalogs: Partial<Record<Entity, ConditionField[]>>;
  /** Administrators edit; everyone else reads (the core refuses them anyway). */
  editable: boolean;
  onOpen: (rule: WorkflowRule) => void;
  /** None: the user may not read the run log (the count is shown without a link). */
  onShowLog?: (rule: WorkflowRule) => void;
}

const NO_FIELDS: ConditionField[] = [];

/** The rules in the order the core runs them, each in words, with its switch and its runs. */
export function RuleTable({ rules, loading, catalogs, editable, onOpen, onShowLog }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const commands = useRuleCommands();

  const columns: ColumnsType<WorkflowRule> = [
    {
      key: 'name',
      title: t('workflow.rules.name'),
      width: 250,
      render: (_, r) => (
        <div className="rule-name-cell">
          <span className="rule-name" data-testid="rule-name">
            {ruleDisplayName(r, language)}
          </span>
          <span className="rule-name-tags">
            <EntityTag entity={r.entity} />
            {r.builtin && (
              <Tooltip title={t('workflow.rules.builtinHint')}>
                <Tag color="geekblue" variant="outlined" className="rule-builtin" data-testid="rule-builtin">
                  {t('workflow.rules.builtin')}
                </Tag>
              </Tooltip>
            )}
          </span>
        </div>
      ),
    },
    {
      key: 'trigger',
      title: t('workflow.rules.trigger'),
      width: 120,
      render: (_, r) => <TriggerText trigger={r.trigger} everyMinutes={r.everyMinutes} />,
    },
    {
      key: 'summary',
      title: t('workflow.rules.summary'),
      render: (_, r) => {
        const fields = catalogs[r.entity] ?? NO_FIELDS;
        const condition = describeCondition(t, r.condition, fields, language);
        const actions = describeActions(t, r.actions, fields, language);
        return (
          <div className="rule-summary" data-testid="rule-summary">
            <span className="rule-summary-key">{t('workflow.rules.if')}</span>
            <span className="rule-summary-text" title={condition}>
              {condition}
            </span>
            <span className="rule-summary-key rule-summary-then">{t('workflow.rules.then')}</span>
            <span className="rule-summary-text" title={actions}>
              {actions}
            </span>
          </div>
        );
      },
    },
    {
      key: 'active',
      title: t('workflow.rules.active'),
      width: 64,
      render: (_, r) => (
        <Switch
          size="small"
          checked={r.active}
          disabled={!editable}
          loading={commands.switchingId === r.id}
          onChange={(on) => commands.setActive(r, on)}
          aria-label={t('workflow.rules.active')}
          data-testid="rule-active"
        />
      ),
    },
    {
      key: 'runs',
      title: t('workflow.rules.runs'),
      width: 150,
      render: (_, r) => {
        const report = commands.reports[r.id];
        return (
          <div className="rule-runs-cell">
            {onShowLog ? (
              <Tooltip title={t('workflow.rules.log')}>
                <Button type="link" size="small" className="rule-runs" onClick={() => onShowLog(r)} data-testid="rule-runs">
                  {t('workflow.rules.runCount', { count: r.runs })}
                </Button>
              </Tooltip>
            ) : (
              <span className="rule-runs" data-testid="rule-runs">
                {t('workflow.rules.runCount', { count: r.runs })}
              </span>
            )}
            <span className="rule-last-run" title={t('workflow.rules.lastRun')}>
              {r.lastRunAt ? formatDateTime(r.lastRunAt) : t('workflow.rules.never')}
            </span>
            {report && (
              <span className="rule-run-result" data-testid="rule-run-result">
                {t('workflow.rules.ran', { matched: report.matched, acted: report.acted })}
              </span>
            )}
          </div>
        );
      },
    },
    {
      key: 'actions',
      width: editable ? 112 : 56,
      align: 'right',
      render: (_, r) =>
        editable ? (
          <Space size={0}>
            <Tooltip title={t('workflow.rules.edit')}>
              <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('workflow.rules.edit')} onClick={() => onOpen(r)} data-testid="rule-edit" />
            </Tooltip>
            <Tooltip title={t('workflow.rules.runNow')}>
              <Button
                type="text"
                size="small"
                icon={<PlayCircleOutlined />}
                aria-label={t('workflow.rules.runNow')}
                loading={commands.runningId === r.id}
                onClick={() => commands.runNow(r)}
                data-testid="rule-run-now"
              />
            </Tooltip>
            <Popconfirm
              title={t('workflow.rules.deleteConfirm', { name: ruleDisplayName(r, language) })}
              description={r.builtin ? <div className="popconfirm-hint">{t('workflow.rules.deleteBuiltinHint')}</div> : undefined}
              okButtonProps={{ danger: true }}
              onConfirm={() => commands.remove(r)}
            >
              <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('workflow.rules.delete')} data-testid="rule-delete" />
            </Popconfirm>
          </Space>
        ) : (
          <Tooltip title={t('workflow.rules.view')}>
            <Button type="text" size="small" icon={<EyeOutlined />} aria-label={t('workflow.rules.view')} onClick={() => onOpen(r)} data-testid="rule-view" />
          </Tooltip>
        ),
    },
  ];

  return (
    <Table<WorkflowRule>
      size="middle"
      rowKey="id"
      className="rule-table"
      loading={loading}
      dataSource={rules}
      columns={columns}
      pagination={false}
      rowClassName={(r) => (r.active ? '' : 'rule-row-off')}
      onRow={(r) => ({ 'data-testid': 'rule-row', 'data-rule-id': r.id }) as HTMLAttributes<HTMLTableRowElement>}
    />
  );
}
