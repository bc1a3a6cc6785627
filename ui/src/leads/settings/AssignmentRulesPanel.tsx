import { useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Popconfirm, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { ApartmentOutlined, ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, isFailure, type AssignmentRule } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { useTerritories } from '../../admin/queries';
import { useManagesLeads } from '../useManagesLeads';
import { AssignmentRuleModal } from './AssignmentRuleModal';
import { conditionsText } from './conditionText';
import { toRuleFormValues, toRuleInput } from './ruleFormModel';
import './leadSettings.css';

/** The ordered assignment rules (managers and admins); others are told whose they are. */
export function AssignmentRulesPanel() {
  const { t } = useTranslation();
  const managesLeads = useManagesLeads();
  if (!managesLeads) {
    return (
      <div className="settings-panel" data-testid="assignment-rules">
        <Alert type="info" showIcon title={t('leads.rules.managersOnly')} />
      </div>
    );
  }
  return <RulesList />;
}

function RulesList() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const rules = useQuery({ queryKey: queryKeys.assignmentRules, queryFn: () => ipc.assignmentRuleList() });
  const territories = useTerritories();
  const territoryNames = new Map((territories.data ?? []).map((x) => [x.id, x.name]));
  // undefined: no form; null: a new rule; a rule: editing it.
  const [editing, setEditing] = useState<AssignmentRule | null | undefined>(undefined);
  const list = rules.data ?? [];

  // The core announces no change of rules: show what it answers, or ask again.
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.assignmentRules });
  const onError = (e: unknown) => void message.error(errorMessage(e));
  const reorder = useMutation({
    mutationFn: (ids: string[]) => ipc.assignmentRuleReorder(ids),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.assignmentRules, saved),
    onError: (e) => {
      onError(e);
      refresh();
    },
  });
  const toggle = useMutation({
    mutationFn: (rule: AssignmentRule) => ipc.assignmentRuleSave(rule.id, toRuleInput({ ...toRuleFormValues(rule), active: !rule.active })),
    onSuccess: refresh,
    onError,
  });
  const remove = useMutation({
    mutationFn: (id: string) => ipc.assignmentRuleDelete(id),
    onSuccess: () => {
      refresh();
      void message.success(t('leads.rules.deleted'));
    },
    onError,
  });
  const move = (index: number, by: -1 | 1) => {
    const ids = list.map((r) => r.id);
    [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
    reorder.mutate(ids);
  };

  if (rules.isError && isFailure(rules.error, 'forbidden')) {
    return <Alert type="info" showIcon title={t('leads.rules.managersOnly')} />;
  }
  return (
    <div className="settings-panel" data-testid="assignment-rules">
      <div className="panel-toolbar">
        <Typography.Text type="secondary">{t('leads.rules.intro')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="rule-new">
          {t('leads.rules.new')}
        </Button>
      </div>
      {rules.isError && <Alert type="error" showIcon title={errorMessage(rules.error)} />}
      <Table<AssignmentRule>
        size="small"
        rowKey="id"
        loading={rules.isPending || reorder.isPending}
        dataSource={list}
        pagination={false}
        locale={{ emptyText: t('leads.rules.empty') }}
        onRow={(r) => ({ 'data-testid': 'rule-row', 'data-rule-id': r.id }) as HTMLAttributes<HTMLTableRowElement>}
        columns={[
          {
            key: 'order',
            title: t('leads.rules.order'),
            width: 96,
            render: (_, _rule, i) => (
              <Space size={2}>
                <span className="rule-position">{i + 1}</span>
                <Tooltip title={t('leads.rules.moveUp')}>
                  <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('leads.rules.moveUp')} data-testid="rule-up" />
                </Tooltip>
                <Tooltip title={t('leads.rules.moveDown')}>
                  <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={i === list.length - 1} onClick={() => move(i, 1)} aria-label={t('leads.rules.moveDown')} data-testid="rule-down" />
                </Tooltip>
              </Space>
            ),
          },
          {
            key: 'name',
            title: t('leads.rules.name'),
            render: (_, r) => (
              <div className={r.active ? undefined : 'rule-inactive'}>
                <div className="rule-name">{r.name}</div>
                <div className="rule-conditions">{conditionsText(t, r.conditions, territoryNames)}</div>
              </div>
            ),
          },
          {
            key: 'target',
            title: t('leads.rules.target'),
            width: 180,
            render: (_, r) => (
              <span className="rule-target-name">
                {r.targetUser ? <UserOutlined /> : <ApartmentOutlined />} {r.targetName}
              </span>
            ),
          },
          {
            key: 'strategy',
            title: t('leads.rules.strategy'),
            width: 150,
            render: (_, r) =>
              r.targetUnitId ? <Tag variant="outlined">{t(`leads.rules.strategies.${r.strategy}`)}</Tag> : <span className="muted">—</span>,
          },
          {
            key: 'active',
            title: t('leads.rules.active'),
            width: 80,
            render: (_, r) => (
              <Switch size="small" checked={r.active} loading={toggle.isPending && toggle.variables.id === r.id} onChange={() => toggle.mutate(r)} data-testid="rule-active-toggle" />
            ),
          },
          {
            key: 'actions',
            width: 90,
            align: 'right',
            render: (_, r) => (
              <Space size={0}>
                <Tooltip title={t('common.edit')}>
                  <Button type="text" size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} aria-label={t('common.edit')} data-testid="rule-edit" />
                </Tooltip>
                <Popconfirm
                  title={t('leads.rules.deleteConfirm', { name: r.name })}
                  description={t('leads.rules.deleteHint')}
                  okText={t('common.delete')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => remove.mutate(r.id)}
                >
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid="rule-delete" />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing !== undefined && <AssignmentRuleModal rule={editing} onClose={() => setEditing(undefined)} />}
    </div>
  );
}
