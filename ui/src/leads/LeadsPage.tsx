import { useState } from 'react';
import { Alert, App, Button, Empty, Input, Tabs, Tag } from 'antd';
import { InboxOutlined, PlusOutlined, SearchOutlined, UnorderedListOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type Lead, type LeadStatus } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';
import { useCurrentUser } from '../auth/CurrentUser';
import { useDebouncedValue } from '../search/useDebouncedValue';
import { LEAD_STATUSES } from './LeadStatusTag';
import { useManagesLeads } from './useManagesLeads';
import { useLeadPages } from './list/useLeadPages';
import { LeadTable } from './list/LeadTable';
import { AssignPoolButton } from './list/AssignPoolButton';
import { LeadFormModal } from './form/LeadFormModal';
import { ExportButton } from '../exports/ExportButton';
import './leads.css';

type LeadTab = 'pool' | 'mine' | 'all';
const TABS: LeadTab[] = ['pool', 'mine', 'all'];
const EMPTY_TEXTS = { pool: 'emptyPool', mine: 'emptyMine', all: 'empty' } as const;
const TAB_ICONS = { pool: <InboxOutlined />, mine: <UserOutlined />, all: <UnorderedListOutlined /> };

/** The lead lists: the pool to claim from, my leads, and all leads by status. */
export function LeadsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { user } = useCurrentUser();
  const managesLeads = useManagesLeads();
  // The tab lives in the address, so coming back from a lead shows the same list.
  const [params, setParams] = useSearchParams();
  const tab: LeadTab = TABS.find((k) => k === params.get('tab')) ?? 'pool';
  const [statuses, setStatuses] = useState<LeadStatus[]>([]);
  const [text, setText] = useState('');
  const query = useDebouncedValue(text.trim(), 300);
  const [creating, setCreating] = useState(false);

  const pages = useLeadPages({
    statuses: tab === 'pool' ? ['unassigned'] : statuses,
    owner: tab === 'mine' ? user.login : null,
    text: query === '' ? null : query,
  });
  const leads = pages.data?.pages.flatMap((p) => p.items) ?? [];

  const claim = useMutation({
    mutationFn: (lead: Lead) => ipc.leadAct(lead.id, { action: 'claim', reason: null, assignee: null }),
    onSuccess: (lead) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.leads });
      void message.success(t('leads.list.claimed', { name: lead.name }));
    },
    // The pool's limits are the core's: show its sentence (daily limit, open leads, waiting time).
    onError: (e) => void message.error(t('leads.list.claimRefused', { message: errorMessage(e) })),
  });

  const toggleStatus = (status: LeadStatus, on: boolean) =>
    setStatuses(on ? [...statuses, status] : statuses.filter((s) => s !== status));
  const filtered = query !== '' || (tab !== 'pool' && statuses.length > 0);
  const emptyText = filtered ? 'empty' : EMPTY_TEXTS[tab];

  return (
    <div className="page leads-page">
      <div className="page-toolbar">
        <h1 className="page-title">{t('leads.title')}</h1>
        <div className="toolbar-spacer" />
        {managesLeads && <AssignPoolButton />}
        <ExportButton kinds={['leads']} />
        <Button type="primary" icon={<PlusOutlined />} data-testid="lead-new" onClick={() => setCreating(true)}>
          {t('leads.list.new')}
        </Button>
      </div>
      <div className="leads-frame">
        <Tabs
          className="leads-tabs"
          activeKey={tab}
          onChange={(key) => setParams(key === 'pool' ? {} : { tab: key }, { replace: true })}
          items={TABS.map((key) => ({
            key,
            icon: TAB_ICONS[key],
            label: <span data-testid={`leads-tab-${key}`}>{t(`leads.list.${key}`)}</span>,
          }))}
          tabBarExtraContent={
            <Input
              allowClear
              className="leads-text-filter"
              prefix={<SearchOutlined className="muted" />}
              placeholder={t('leads.list.textFilter')}
              value={text}
              onChange={(e) => setText(e.target.value)}
              data-testid="leads-text-filter"
            />
          }
        />
        {tab !== 'pool' && (
          <div className="lead-status-filter" data-testid="lead-status-filter">
            <span className="muted">{t('leads.list.statusFilter')}</span>
            {LEAD_STATUSES.map((s) => (
              <Tag.CheckableTag
                key={s}
                checked={statuses.includes(s)}
                onChange={(on) => toggleStatus(s, on)}
                data-testid={`lead-status-filter-${s}`}
              >
                {t(`leads.status.${s}`)}
              </Tag.CheckableTag>
            ))}
          </div>
        )}
        {pages.isError && (
          <Alert type="error" showIcon title={t('leads.list.listFailed', { message: errorMessage(pages.error) })} />
        )}
        <LeadTable
          leads={leads}
          loading={pages.isPending}
          pool={tab === 'pool'}
          onClaim={(lead) => claim.mutate(lead)}
          claimingId={claim.isPending ? claim.variables.id : null}
          empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`leads.list.${emptyText}`)} />}
        />
        {pages.hasNextPage && (
          <div className="leads-load-more">
            <Button loading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()} data-testid="leads-load-more">
              {t('common.loadMore')}
            </Button>
          </div>
        )}
      </div>
      {creating && <LeadFormModal onClose={() => setCreating(false)} />}
    </div>
  );
}
