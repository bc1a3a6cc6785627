import { useRef, useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type Priority } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { useLiveFields } from '../../classification/queries';
import { fieldLabel, findField, optionLabel } from '../../classification/labels';
import { useLanguage } from '../../opportunities/stageDisplay';
import { PriorityTag } from '../../service/PriorityTag';
import { formatWorkingMinutes } from '../workingTime';
import { DurationInput } from './DurationInput';
import {
  PRIORITIES,
  addTierPolicy,
  displayOrder,
  fromPolicies,
  removePolicy,
  toPolicies,
  updatePolicy,
  type PolicyDraft,
} from './slaPoliciesModel';

/**
 * The SLA policies: per priority a default for every tier, and optional rows for one tier. The
 * administrator edits the whole list and saves it at once; everyone else reads it.
 */
export function SlaPoliciesEditor({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const policies = useQuery({ queryKey: queryKeys.slaPolicies, queryFn: () => ipc.slaPoliciesGet() });
  const tierField = findField(useLiveFields().builtin, 'tier');
  const tiers = (tierField?.options ?? []).map((o) => o.key);
  // null: nothing edited yet, the saved list shows.
  const [drafts, setDrafts] = useState<PolicyDraft[] | null>(null);
  const added = useRef(0);
  const save = useMutation({
    mutationFn: (list: PolicyDraft[]) => ipc.slaPoliciesSet(toPolicies(list)),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.slaPolicies, saved);
      setDrafts(null);
      void message.success(t('desk.sla.policiesSaved'));
    },
  });

  const list = drafts ?? fromPolicies(policies.data ?? []);
  const change = (next: PolicyDraft[]) => {
    setDrafts(next);
    save.reset();
  };
  const undo = () => {
    setDrafts(null);
    save.reset();
  };
  const tierName = (tier: string | null) =>
    tier === null ? t('desk.sla.everyTier') : optionLabel(tierField, tier, language);
  const tierTitle = tierField ? fieldLabel(tierField, language) : t('field.tier');

  return (
    <section className="desk-settings-section" data-testid="sla-policies">
      <div className="panel-toolbar">
        <div>
          <Typography.Title level={5} className="desk-settings-title">
            {t('desk.sla.policiesTitle')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('desk.sla.policiesHint')}</Typography.Text>
        </div>
        {editable && (
          <Space>
            <Button
              icon={<PlusOutlined />}
              disabled={!policies.isSuccess}
              onClick={() => change(addTierPolicy(list, `new-${++added.current}`, tiers))}
              data-testid="sla-policy-add"
            >
              {t('desk.sla.addTierPolicy')}
            </Button>
            <Button icon={<UndoOutlined />} disabled={drafts === null} onClick={undo} data-testid="sla-policies-reset">
              {t('desk.settings.reset')}
            </Button>
            <Button
              type="primary"
              disabled={drafts === null}
              loading={save.isPending}
              onClick={() => save.mutate(list)}
              data-testid="sla-policies-save"
            >
              {t('common.save')}
            </Button>
          </Space>
        )}
      </div>
      {policies.isError && <Alert type="error" showIcon title={errorMessage(policies.error)} />}
      {save.isError && (
        <Alert
          type="error"
          showIcon
          title={t('desk.settings.refused')}
          description={errorMessage(save.error)}
          data-testid="sla-policies-error"
        />
      )}
      <Table<PolicyDraft>
        size="small"
        rowKey="rowKey"
        loading={policies.isPending}
        dataSource={displayOrder(list)}
        pagination={false}
        rowClassName={(p) => (p.tier === null ? 'sla-default-row' : 'sla-tier-row')}
        onRow={(p) => ({ 'data-testid': 'sla-policy-row', 'data-priority': p.priority }) as HTMLAttributes<HTMLTableRowElement>}
        columns={[
          {
            key: 'priority',
            title: t('desk.sla.priority'),
            width: 150,
            render: (_, p) =>
              editable && p.tier !== null ? (
                <Select<Priority>
                  className="sla-priority-select"
                  value={p.priority}
                  onChange={(priority) => change(updatePolicy(list, p.rowKey, { priority }))}
                  options={PRIORITIES.map((value) => ({ value, label: t(`service.priority.${value}`) }))}
                  labelRender={({ value }) => <PriorityTag priority={value as Priority} />}
                  optionRender={({ value }) => <PriorityTag priority={value as Priority} />}
                  data-testid="sla-policy-priority"
                />
              ) : (
                <PriorityTag priority={p.priority} />
              ),
          },
          {
            key: 'tier',
            title: tierTitle,
            width: 190,
            render: (_, p) =>
              editable && p.tier !== null ? (
                <Select<string>
                  className="sla-tier-select"
                  value={p.tier}
                  onChange={(tier) => change(updatePolicy(list, p.rowKey, { tier }))}
                  options={tiers.map((value) => ({ value, label: tierName(value) }))}
                  data-testid="sla-policy-tier"
                />
              ) : p.tier === null ? (
                <span className="muted">{tierName(null)}</span>
              ) : (
                <span className="tier-badge">{tierName(p.tier)}</span>
              ),
          },
          {
            key: 'firstResponse',
            title: t('desk.sla.firstResponse'),
            render: (_, p) =>
              editable ? (
                <DurationInput
                  minutes={p.firstResponseMinutes}
                  onChange={(firstResponseMinutes) => change(updatePolicy(list, p.rowKey, { firstResponseMinutes }))}
                  testId="sla-policy-first-response"
                />
              ) : (
                <span className="sla-duration">{formatWorkingMinutes(t, p.firstResponseMinutes)}</span>
              ),
          },
          {
            key: 'resolution',
            title: t('desk.sla.resolution'),
            render: (_, p) =>
              editable ? (
                <DurationInput
                  minutes={p.resolutionMinutes}
                  onChange={(resolutionMinutes) => change(updatePolicy(list, p.rowKey, { resolutionMinutes }))}
                  testId="sla-policy-resolution"
                />
              ) : (
                <span className="sla-duration">{formatWorkingMinutes(t, p.resolutionMinutes)}</span>
              ),
          },
          ...(editable
            ? [
                {
                  key: 'actions',
                  width: 64,
                  align: 'right' as const,
                  render: (_: unknown, p: PolicyDraft) =>
                    // Every priority keeps its default row: the core needs one for tickets of any tier.
                    p.tier === null ? (
                      <Tag variant="outlined" className="sla-default-tag">
                        {t('desk.sla.defaultRow')}
                      </Tag>
                    ) : (
                      <Tooltip title={t('common.remove')}>
                        <Button
                          type="text"
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('common.remove')}
                          onClick={() => change(removePolicy(list, p.rowKey))}
                          data-testid="sla-policy-remove"
                        />
                      </Tooltip>
                    ),
                },
              ]
            : []),
        ]}
      />
    </section>
  );
}
