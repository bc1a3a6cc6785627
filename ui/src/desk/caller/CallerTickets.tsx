import { Rate } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../ipc/client';
import { formatDateTime } from '../../customers/display';
import { PriorityTag } from '../../service/PriorityTag';
import { TicketStatusTag } from '../../service/TicketStatusTag';
import { SlaClock } from '../../service/SlaClock';
import { useCategoryName } from '../../service/ticketLabels';

/** The clock that matters now: the first answer until it is given, then the resolution. */
function NextClock({ ticket: k }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const answered = k.firstResponseAt !== null;
  return (
    <div className="caller-ticket-clock">
      <span className="caller-ticket-clock-label">{t(answered ? 'desk.caller.resolutionDue' : 'desk.caller.responseDue')}</span>
      {answered ? (
        <SlaClock due={k.resolutionDue} state={k.resolutionClock} doneAt={k.resolvedAt} compact />
      ) : (
        <SlaClock due={k.firstResponseDue} state={k.firstResponseClock} doneAt={k.firstResponseAt} compact />
      )}
    </div>
  );
}

function TicketTitle({ ticket: k }: { ticket: Ticket }) {
  const category = useCategoryName()(k.category);
  return (
    <div className="caller-ticket-main">
      <Link to={`/tickets/${k.id}`} className="caller-ticket-subject">
        <span className="caller-ticket-number">#{k.number}</span> {k.subject}
      </Link>
      <div className="caller-ticket-meta">{[category, formatDateTime(k.createdAt)].filter(Boolean).join(' · ')}</div>
    </div>
  );
}

/** The row's accent: red when either clock is breached, orange when one is due soon. */
function urgency(k: Ticket): string {
  const clocks = [k.firstResponseClock, k.resolutionClock];
  if (clocks.includes('breached')) return 'breached';
  return clocks.includes('due_soon') ? 'due_soon' : 'calm';
}

/** Open tickets: what the caller is most likely calling about, with their SLA clocks. */
export function OpenTicketRows({ tickets }: { tickets: Ticket[] }) {
  const { t } = useTranslation();
  if (tickets.length === 0) return <div className="caller-empty-line">{t('desk.caller.noOpenTickets')}</div>;
  return (
    <div className="caller-rows">
      {tickets.map((k) => (
        <div key={k.id} className={`caller-ticket open sla-row-${urgency(k)}`} data-testid="caller-open-ticket">
          <TicketTitle ticket={k} />
          <TicketStatusTag status={k.status} />
          <PriorityTag priority={k.priority} />
          <NextClock ticket={k} />
          <span className={k.assigneeName ? 'caller-ticket-assignee' : 'caller-ticket-assignee muted'}>
            {k.assigneeName ?? t('desk.caller.unassigned')}
          </span>
        </div>
      ))}
    </div>
  );
}

/** Resolved and closed tickets, newest first, with how the customer rated them. */
export function PastTicketRows({ tickets }: { tickets: Ticket[] }) {
  const { t } = useTranslation();
  if (tickets.length === 0) return <div className="caller-empty-line">{t('desk.caller.noPastTickets')}</div>;
  return (
    <div className="caller-rows">
      {tickets.map((k) => (
        <div key={k.id} className="caller-ticket past" data-testid="caller-past-ticket">
          <div className="caller-ticket-main">
            <Link to={`/tickets/${k.id}`} className="caller-ticket-subject">
              <span className="caller-ticket-number">#{k.number}</span> {k.subject}
            </Link>
            <div className="caller-ticket-meta">
              {k.closedAt
                ? t('desk.caller.closedAt', { at: formatDateTime(k.closedAt) })
                : t('desk.caller.resolvedAt', { at: formatDateTime(k.resolvedAt) })}
            </div>
          </div>
          {k.rating !== null && <Rate disabled value={k.rating} className="caller-ticket-rating" />}
          <TicketStatusTag status={k.status} />
        </div>
      ))}
    </div>
  );
}
