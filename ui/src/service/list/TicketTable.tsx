import type { HTMLAttributes, KeyboardEvent, ReactNode } from 'react';
import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../ipc/client';
import { formatDue } from '../slaTime';
import { TicketStatusTag } from '../TicketStatusTag';
import { PriorityTag } from '../PriorityTag';
import { SlaClock } from '../SlaClock';
import { useCategoryName } from '../ticketLabels';

interface Props {
  tickets: Ticket[];
  loading: boolean;
  empty: ReactNode;
}

/** The tickets of one tab, dense: a click (or Enter) on a row opens the ticket. */
export function TicketTable({ tickets, loading, empty }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const categoryName = useCategoryName();
  const columns: ColumnsType<Ticket> = [
    {
      key: 'number',
      title: t('service.list.number'),
      width: 76,
      render: (_, k) => <span className="ticket-number">#{k.number}</span>,
    },
    {
      key: 'subject',
      title: t('service.list.subject'),
      ellipsis: true,
      render: (_, k) => (
        <div className="ticket-subject-cell">
          <span className="ticket-subject" data-testid="ticket-subject">{k.subject}</span>
          {k.category && <span className="ticket-subject-category">{categoryName(k.category)}</span>}
        </div>
      ),
    },
    {
      key: 'customer',
      title: t('service.list.customer'),
      width: 100,
      ellipsis: true,
      render: (_, k) => (
        <Link to={`/customers/${k.customerId}`} onClick={(e) => e.stopPropagation()} data-testid="ticket-customer">
          {k.customerName}
        </Link>
      ),
    },
    { key: 'priority', title: t('service.list.priority'), width: 80, render: (_, k) => <PriorityTag priority={k.priority} /> },
    { key: 'status', title: t('service.list.status'), width: 100, render: (_, k) => <TicketStatusTag status={k.status} /> },
    {
      key: 'assignee',
      title: t('service.list.assignee'),
      width: 92,
      ellipsis: true,
      render: (_, k) => k.assigneeName ?? k.assignee ?? <span className="muted">{t('service.list.unassignedName')}</span>,
    },
    {
      key: 'firstResponse',
      title: t('service.list.firstResponseDue'),
      width: 132,
      render: (_, k) => (
        <SlaClock due={k.firstResponseDue} state={k.firstResponseClock} doneAt={k.firstResponseAt} testId="ticket-first-response" />
      ),
    },
    {
      key: 'resolution',
      title: t('service.list.resolutionDue'),
      width: 132,
      render: (_, k) => <SlaClock due={k.resolutionDue} state={k.resolutionClock} doneAt={k.resolvedAt} testId="ticket-resolution" />,
    },
    {
      key: 'created',
      title: t('service.list.created'),
      width: 104,
      render: (_, k) => <Typography.Text type="secondary">{formatDue(k.createdAt)}</Typography.Text>,
    },
  ];

  return (
    <Table<Ticket>
      size="middle"
      rowKey="id"
      className="ticket-table"
      loading={loading}
      dataSource={tickets}
      columns={columns}
      pagination={false}
      locale={{ emptyText: empty }}
      rowClassName={(k) => (k.resolutionClock === 'breached' || k.firstResponseClock === 'breached' ? 'ticket-row-breached' : '')}
      onRow={(k) =>
        ({
          'data-testid': 'ticket-row',
          'data-ticket-id': k.id,
          tabIndex: 0,
          onClick: () => void navigate(`/tickets/${k.id}`),
          onKeyDown: (e: KeyboardEvent) => {
            if (e.key === 'Enter') void navigate(`/tickets/${k.id}`);
          },
        }) as HTMLAttributes<HTMLTableRowElement>
      }
    />
  );
}
