import { Rate, Tag } from 'antd';
import {
  CustomerServiceOutlined,
  FlagOutlined,
  LockOutlined,
  MessageOutlined,
  PaperClipOutlined,
  PlusCircleOutlined,
  SwapOutlined,
  TagOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import type { Priority, TicketEvent, TicketStatus } from '../../ipc/client';
import { formatDateTime } from '../../customers/display';
import { useCategoryName } from '../ticketLabels';
import { TicketStatusTag } from '../TicketStatusTag';

const MESSAGES = ['reply', 'customer_reply', 'note'];
const STATUS_ACTIONS = ['start', 'wait', 'resume', 'resolve', 'close', 'reopen'];
const MESSAGE_ICONS: Record<string, ReactNode> = {
  reply: <CustomerServiceOutlined />,
  customer_reply: <MessageOutlined />,
  note: <LockOutlined />,
};

interface Props {
  events: TicketEvent[];
  agentName: (login: string | null) => string;
}

/** A message: an answer to the customer, the customer's own answer, or an internal note, each in its own style. */
function MessageItem({ event: e, agentName }: { event: TicketEvent; agentName: Props['agentName'] }) {
  const { t } = useTranslation();
  return (
    <div className={`ticket-message ticket-message-${e.kind}`} data-testid="ticket-message" data-kind={e.kind}>
      <div className="ticket-message-head">
        <span className="ticket-message-kind">
          {MESSAGE_ICONS[e.kind]} {t(`service.timeline.${e.kind as 'reply' | 'customer_reply' | 'note'}`)}
        </span>
        <span className="ticket-message-meta">
          {agentName(e.actor)} · {formatDateTime(e.at)}
        </span>
      </div>
      <div className="ticket-message-body pre-wrap">{e.body}</div>
    </div>
  );
}

/** A change (status, assignee, priority, category, attachment, rating) as one small line. */
function ChangeLine({ event: e, agentName }: { event: TicketEvent; agentName: Props['agentName'] }) {
  const { t } = useTranslation();
  const categoryName = useCategoryName();
  const none = t('service.timeline.none');
  let icon: ReactNode = <SwapOutlined />;
  let what: ReactNode;
  if (e.kind === 'created') {
    icon = <PlusCircleOutlined />;
    what = t('service.timeline.created');
  } else if (e.kind === 'assign') {
    icon = <UserSwitchOutlined />;
    const to = agentName(e.toValue);
    what = e.actor === 'routing'
      ? t('service.timeline.assignRouting', { to })
      : e.fromValue
        ? t('service.timeline.reassign', { from: agentName(e.fromValue), to })
        : e.toValue?.toLowerCase() === e.actor.toLowerCase()
          ? t('service.timeline.take')
          : t('service.timeline.assign', { to });
  } else if (STATUS_ACTIONS.includes(e.kind) && e.fromValue && e.toValue) {
    what = (
      <>
        <TicketStatusTag status={e.fromValue as TicketStatus} /> → <TicketStatusTag status={e.toValue as TicketStatus} />
      </>
    );
  } else if (e.kind === 'priority') {
    icon = <FlagOutlined />;
    const p = (v: string | null) => (v ? t(`service.priority.${v as Priority}`) : none);
    what = t('service.timeline.priority', { from: p(e.fromValue), to: p(e.toValue) });
  } else if (e.kind === 'category') {
    icon = <TagOutlined />;
    what = t('service.timeline.category', { from: categoryName(e.fromValue) ?? none, to: categoryName(e.toValue) ?? none });
  } else if (e.kind === 'attachment' || e.kind === 'attachment_removed') {
    icon = <PaperClipOutlined />;
    what = t(`service.timeline.${e.kind}`, { name: e.kind === 'attachment' ? e.toValue : e.fromValue });
  } else if (e.kind === 'rating') {
    what = (
      <>
        {t('service.timeline.rating', { stars: e.toValue })} <Rate disabled value={Number(e.toValue)} className="ticket-line-stars" />
      </>
    );
  } else {
    what = <Tag>{e.kind}</Tag>;
  }
  // Status changes, the rating and attachments carry a note or the path in `body`.
  const body = e.kind === 'attachment' ? null : e.body;
  return (
    <div className={`ticket-line ticket-line-${e.kind}`} data-testid="ticket-line" data-kind={e.kind}>
      <span className="ticket-line-icon">{icon}</span>
      <span className="ticket-line-text">
        {e.actor !== 'routing' && <span className="ticket-line-actor">{agentName(e.actor)}</span>} {what}
      </span>
      <span className="ticket-line-time">{formatDateTime(e.at)}</span>
      {body && <div className="ticket-line-note pre-wrap">{body}</div>}
    </div>
  );
}

/** The ticket's conversation and history, oldest first, as it happened. */
export function TicketTimeline({ events, agentName }: Props) {
  const { t } = useTranslation();
  if (events.length === 0) return <div className="muted">{t('service.timeline.empty')}</div>;
  return (
    <div className="ticket-timeline" data-testid="ticket-timeline">
      {events.map((e, i) =>
        MESSAGES.includes(e.kind) ? (
          <MessageItem key={i} event={e} agentName={agentName} />
        ) : (
          <ChangeLine key={i} event={e} agentName={agentName} />
        ),
      )}
    </div>
  );
}
