// How a ticket's status looks wherever it appears: list, header, customer card, the desk.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TicketStatus } from '../ipc/client';

export const TICKET_STATUS_COLORS: Record<TicketStatus, string> = {
  new: 'purple',
  assigned: 'gold',
  in_progress: 'blue',
  waiting: 'cyan',
  resolved: 'green',
  closed: 'default',
};

export function TicketStatusTag({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={TICKET_STATUS_COLORS[status]} variant="filled" className="ticket-tag" data-testid="ticket-status">
      {t(`service.status.${status}`)}
    </Tag>
  );
}
