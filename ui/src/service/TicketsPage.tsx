import { useState } from 'react';
import { Alert, Badge, Button, Empty, Select, Tabs, Tag } from 'antd';
import {
  ExclamationCircleOutlined,
  InboxOutlined,
  PlusOutlined,
  UnorderedListOutlined,
  UserOutlined,
  UsergroupAddOutlined,
  WarningFilled,
} from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, type Priority, type TicketCounts, type TicketStatus, type TicketView } from '../ipc/client';
import { OPEN_STATUSES, PRIORITIES, TICKET_STATUSES } from './ticketLabels';
import { useTicketCounts, useTicketPages } from './ticketQueries';
import { TicketTable } from './list/TicketTable';
import { NewTicketModal } from './NewTicketModal';
import { ExportButton } from '../exports/ExportButton';
import './service.css';

const TABS: TicketView[] = ['queue', 'mine', 'unassigned', 'breached', 'all'];
const TAB_ICONS = {
  queue: <InboxOutlined />,
  mine: <UserOutlined />,
  unassigned: <UsergroupAddOutlined />,
  breached: <ExclamationCircleOutlined />,
  all: <UnorderedListOutlined />,
};
const COUNT_OF: Record<TicketView, keyof TicketCounts | null> = {
  queue: 'open',
  mine: 'mine',
  unassigned: 'unassigned',
  breached: 'breached',
  all: null,
};
const EMPTY_TEXTS = {
  queue: 'emptyQueue',
  mine: 'emptyMine',
  unassigned: 'emptyUnassigned',
  breached: 'emptyBreached',
  all: 'empty',
} as const;

/** The ticket lists: the queue (most urgent first), mine, unassigned, breached, and all tickets. */
export function TicketsPage() {
  const { t } = useTranslation();
  // The tab lives in the address, so coming back from a ticket shows the same list.
  const [params, setParams] = useSearchParams();
  const view: TicketView = TABS.find((k) => k === params.get('tab')) ?? 'queue';
  const [statuses, setStatuses] = useState<TicketStatus[]>([]);
  const [priority, setPriority] = useState<Priority | null>(null);
  const [creating, setCreating] = useState(false);

  // The queue views hold open tickets only: a filter on a closed status would always be empty.
  const offered = view === 'all' ? TICKET_STATUSES : OPEN_STATUSES;
  const chosen = statuses.filter((s) => offered.includes(s));
  const counts = useTicketCounts();
  const pages = useTicketPages({ view, statuses: chosen, priority });
  const tickets = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = chosen.length > 0 || priority !== null;

  const toggleStatus = (status: TicketStatus, on: boolean) =>
    setStatuses(on ? [...statuses, status] : statuses.filter((s) => s !== status));

  return (
    <div className="page tickets-page" data-testid="tickets-page">
      <div className="page-toolbar">
        <h1 className="page-title">{t('service.title')}</h1>
        {(counts.data?.dueSoon ?? 0) > 0 && (
          <Tag color="orange" icon={<WarningFilled />} data-testid="tickets-due-soon">
            {t('service.list.dueSoon', { count: counts.data?.dueSoon })}
          </Tag>
        )}
        <div className="toolbar-spacer" />
        <ExportButton kinds={['tickets']} />
        <Button type="primary" icon={<PlusOutlined />} data-testid="ticket-new" onClick={() => setCreating(true)}>
          {t('service.list.new')}
        </Button>
      </div>
      <div className="tickets-frame">
        <Tabs
          className="tickets-tabs"
          activeKey={view}
          onChange={(key) => setParams(key === 'queue' ? {} : { tab: key }, { replace: true })}
          items={TABS.map((key) => {
            const countKey = COUNT_OF[key];
            const count = countKey ? counts.data?.[countKey] : undefined;
            return {
              key,
              icon: TAB_ICONS[key],
              label: (
                <span data-testid={`tickets-tab-${key}`}>
                  {t(`service.list.${key}`)}
                  {count !== undefined && (
                    <Badge
                      className="tickets-tab-count"
                      count={count}
                      showZero
                      overflowCount={999}
                      color={key === 'breached' && count > 0 ? '#cf1322' : '#8c96a3'}
                      data-testid={`tickets-count-${key}`}
                    />
                  )}
                </span>
              ),
            };
          })}
        />
        <div className="ticket-filters">
          <div className="ticket-status-filter" data-testid="ticket-status-filter">
            <span className="muted">{t('service.list.statusFilter')}</span>
            {offered.map((s) => (
              <Tag.CheckableTag
                key={s}
                checked={chosen.includes(s)}
                onChange={(on) => toggleStatus(s, on)}
                data-testid={`ticket-status-filter-${s}`}
              >
                {t(`service.status.${s}`)}
              </Tag.CheckableTag>
            ))}
          </div>
          <Select<Priority>
            allowClear
            className="ticket-priority-filter"
            placeholder={t('service.list.anyPriority')}
            value={priority ?? undefined}
            onChange={(p) => setPriority(p ?? null)}
            options={PRIORITIES.map((p) => ({ value: p, label: t(`service.priority.${p}`) }))}
            data-testid="ticket-priority-filter"
          />
        </div>
        {counts.isError && <Alert type="warning" showIcon title={t('service.list.countsFailed', { message: errorMessage(counts.error) })} />}
        {pages.isError && <Alert type="error" showIcon title={t('service.list.listFailed', { message: errorMessage(pages.error) })} />}
        <TicketTable
          tickets={tickets}
          loading={pages.isPending}
          empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`service.list.${filtered ? 'empty' : EMPTY_TEXTS[view]}`)} />}
        />
        {pages.hasNextPage && (
          <div className="tickets-load-more">
            <Button loading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()} data-testid="tickets-load-more">
              {t('common.loadMore')}
            </Button>
          </div>
        )}
      </div>
      <NewTicketModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
