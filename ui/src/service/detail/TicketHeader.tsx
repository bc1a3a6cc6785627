import { Breadcrumb, Space } from 'antd';
import { BankOutlined, UserOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../ipc/client';
import { TicketStatusTag } from '../TicketStatusTag';
import { PriorityTag } from '../PriorityTag';
import { ChannelLabel, CategoryLabel } from '../ticketLabels';
import { TicketActionBar } from './TicketActionBar';

interface Props {
  ticket: Ticket;
  mayEdit: boolean;
  onEdit: () => void;
}

/** Number, subject, status and priority, whose it is and for whom, and what may be done now. */
export function TicketHeader({ ticket: k, mayEdit, onEdit }: Props) {
  const { t } = useTranslation();
  return (
    <div className="ticket-header">
      <Breadcrumb items={[{ title: <Link to="/tickets">{t('service.title')}</Link> }, { title: `#${k.number}` }]} />
      <div className="ticket-header-main">
        <div className="ticket-header-text">
          <h1 className="ticket-title" data-testid="ticket-title">
            <span className="ticket-title-number">#{k.number}</span>
            <span className="ticket-title-subject">{k.subject}</span>
          </h1>
          <Space size={[14, 6]} wrap className="ticket-header-facts">
            <TicketStatusTag status={k.status} />
            <PriorityTag priority={k.priority} />
            <Link to={`/customers/${k.customerId}`} data-testid="ticket-customer-link">
              <BankOutlined /> {k.customerName}
            </Link>
            <span className={k.assignee ? 'ticket-assignee' : 'ticket-assignee muted'} data-testid="ticket-assignee">
              <UserOutlined /> {k.assigneeName ?? k.assignee ?? t('service.detail.unassigned')}
            </span>
            <ChannelLabel channel={k.channel} />
            <CategoryLabel category={k.category} />
          </Space>
        </div>
        <TicketActionBar ticket={k} mayEdit={mayEdit} onEdit={onEdit} />
      </div>
    </div>
  );
}
