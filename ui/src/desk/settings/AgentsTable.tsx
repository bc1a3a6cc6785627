import type { HTMLAttributes } from 'react';
import { Alert, App, Select, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type Agent } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { RoleTag } from '../../auth/RoleTag';
import { useLanguage } from '../../opportunities/stageDisplay';
import { categoryName, useTicketRouting } from '../../service/ticketLabels';
import { useAgents } from '../../service/ticketQueries';

/**
 * The accounts that work tickets, their load and their skills (the categories they handle).
 * Managers and administrators set the skills; each change is saved at once.
 */
export function AgentsTable({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const agents = useAgents();
  const categories = useTicketRouting().data?.categories ?? [];
  const names = new Map(categories.map((c) => [c.key, categoryName(categories, c.key, language)]));
  const setSkills = useMutation({
    mutationFn: ({ login, skills }: { login: string; skills: string[] }) => ipc.agentSetSkills(login, skills),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.agents, saved);
      void message.success(t('desk.agents.skillsSaved'));
    },
    onError: (e) => void message.error(t('common.failed', { message: errorMessage(e) })),
  });

  return (
    <section className="desk-settings-section" data-testid="agents">
      <div>
        <Typography.Title level={5} className="desk-settings-title">
          {t('desk.agents.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t(editable ? 'desk.agents.hint' : 'desk.agents.managersOnly')}</Typography.Text>
      </div>
      {agents.isError && <Alert type="error" showIcon title={errorMessage(agents.error)} />}
      <Table<Agent>
        size="small"
        rowKey="login"
        loading={agents.isPending}
        dataSource={agents.data ?? []}
        pagination={false}
        locale={{ emptyText: t('desk.agents.empty') }}
        onRow={(a) => ({ 'data-testid': 'agent-row', 'data-login': a.login }) as HTMLAttributes<HTMLTableRowElement>}
        columns={[
          {
            key: 'name',
            title: t('field.displayName'),
            render: (_, a) => (
              <div>
                <div className="agent-name">{a.displayName || a.login}</div>
                <div className="agent-login">{a.login}</div>
              </div>
            ),
          },
          { key: 'role', title: t('field.role'), width: 110, render: (_, a) => <RoleTag role={a.role} /> },
          { key: 'unit', title: t('field.unitId'), width: 160, dataIndex: 'unitName' },
          {
            key: 'open',
            title: t('desk.agents.openTickets'),
            width: 110,
            align: 'right',
            render: (_, a) => (
              <span className={a.openTickets > 0 ? 'agent-load' : 'agent-load muted'} data-testid="agent-open">
                {a.openTickets}
              </span>
            ),
          },
          {
            key: 'skills',
            title: t('desk.agents.skills'),
            width: '40%',
            render: (_, a) =>
              editable ? (
                <Select<string[]>
                  mode="multiple"
                  className="agent-skills"
                  value={a.skills}
                  placeholder={t('desk.agents.anyCategory')}
                  loading={setSkills.isPending && setSkills.variables.login === a.login}
                  onChange={(skills) => setSkills.mutate({ login: a.login, skills })}
                  options={categories.map((c) => ({ value: c.key, label: names.get(c.key) }))}
                  showSearch={{ optionFilterProp: 'label' }}
                  data-testid="agent-skills"
                />
              ) : a.skills.length === 0 ? (
                <span className="muted">{t('desk.agents.anyCategory')}</span>
              ) : (
                a.skills.map((s) => (
                  <Tag key={s} variant="filled" color="geekblue">
                    {names.get(s) ?? s}
                  </Tag>
                ))
              ),
          },
        ]}
      />
    </section>
  );
}
