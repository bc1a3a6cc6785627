import { useState } from 'react';
import { Button, Card, Empty, Skeleton } from 'antd';
import { CheckCircleOutlined, CustomerServiceOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type Ticket } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';
import { formatDateTime } from '../customers/display';
import { TicketStatusTag } from './TicketStatusTag';
import { PriorityTag } from './PriorityTag';
import { SlaClock, mostUrgentClock } from './SlaClock';
import { isOpenStatus } from './ticketLabels';
import { useCustomerTickets } from './ticketQueries';
import { NewTicketModal } from './NewTicketModal';
import './service.css';

/** Past tickets shown before "more": the open ones always show, all of them. */
const PAST_SHOWN = 5;

function TicketRow({ ticket: k }: { ticket: Ticket }) {
  const navigate = useNavigate();
  const open = isOpenStatus(k.status);
  const go = () => void navigate(`/tickets/${k.id}`);
  return (
    <div
      className={`customer-ticket-row${open ? '' : ' customer-ticket-past'}`}
      data-testid="customer-ticket"
      data-ticket-id={k.id}
      role="link"
      tabIndex={0}
      onClick={go}
      onKeyDown={(e) => {
        if (e.key === 'Enter') go();
      }}
    >
      <div className="customer-ticket-main">
        <Link to={`/tickets/${k.id}`} className="customer-ticket-subject" onClick={(e) => e.stopPropagation()}>
          <span className="ticket-number">#{k.number}</span> {k.subject}
        </Link>
        <div className="customer-ticket-meta">
          {[formatDateTime(k.createdAt), k.assigneeName ?? k.assignee].filter(Boolean).join(' · ')}
        </div>
      </div>
      {open && <SlaClock {...mostUrgentClock(k)} compact testId="customer-ticket-sla" />}
      <PriorityTag priority={k.priority} />
      <TicketStatusTag status={k.status} />
    </div>
  );
}

/** The 360 page's service history: the customer's open tickets, then the past ones, and a new ticket. */
export function CustomerTicketsCard({ customerId, readOnly }: { customerId: string; readOnly?: boolean }) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const [showAll, setShowAll] = useState(false);
  const customer = useQuery({ queryKey: queryKeys.customerRecord(customerId), queryFn: () => ipc.customerGet(customerId) });
  const tickets = useCustomerTickets(customerId);
  const all = tickets.data ?? [];
  const open = all.filter((k) => isOpenStatus(k.status));
  const past = all.filter((k) => !isOpenStatus(k.status));
  const pastShown = showAll ? past : past.slice(0, PAST_SHOWN);

  return (
    <Card
      size="small"
      className="section-card customer-tickets"
      data-testid="customer-tickets"
      title={t('service.customerCard.title')}
      extra={
        !readOnly && (
          <Button size="small" type="link" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="customer-ticket-new">
            {t('service.customerCard.new')}
          </Button>
        )
      }
    >
      {tickets.isPending && <Skeleton active paragraph={{ rows: 2 }} />}
      {tickets.isError && <div className="error-text">{errorMessage(tickets.error)}</div>}
      {tickets.isSuccess && all.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('service.customerCard.empty')} />}
      {open.length > 0 && (
        <div className="customer-tickets-section" data-testid="customer-tickets-open">
          <div className="customer-tickets-title">
            <CustomerServiceOutlined /> {t('service.customerCard.open', { count: open.length })}
          </div>
          {open.map((k) => (
            <TicketRow key={k.id} ticket={k} />
          ))}
        </div>
      )}
      {past.length > 0 && (
        <div className="customer-tickets-section" data-testid="customer-tickets-past">
          <div className="customer-tickets-title">
            <CheckCircleOutlined /> {t('service.customerCard.past', { count: past.length })}
          </div>
          {pastShown.map((k) => (
            <TicketRow key={k.id} ticket={k} />
          ))}
          {past.length > pastShown.length && (
            <Button size="small" type="link" onClick={() => setShowAll(true)} data-testid="customer-tickets-more">
              {t('service.customerCard.more', { count: past.length - pastShown.length })}
            </Button>
          )}
        </div>
      )}
      <NewTicketModal
        open={creating}
        onClose={() => setCreating(false)}
        customer={customer.data ? { id: customerId, name: customer.data.name } : null}
      />
    </Card>
  );
}
