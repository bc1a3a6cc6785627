import type { ReactNode } from 'react';
import { Badge } from 'antd';
import { CustomerServiceOutlined, HistoryOutlined, ProjectOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CallerCard } from '../../ipc/client';
import { CallerCustomerHeader } from './CallerCustomerHeader';
import { OpenTicketRows, PastTicketRows } from './CallerTickets';
import { CallerOpportunities } from './CallerOpportunities';

function Section({ icon, title, children, testId, className }: { icon: ReactNode; title: ReactNode; children: ReactNode; testId: string; className?: string }) {
  return (
    <section className={`caller-section ${className ?? ''}`} data-testid={testId}>
      <div className="caller-section-title">
        {icon} {title}
      </div>
      {children}
    </section>
  );
}

/** Everything the agent needs while the customer is on the line. */
export function CallerCardView({ card, onNewTicket }: { card: CallerCard; onNewTicket: () => void }) {
  const { t } = useTranslation();
  const open = card.openTickets.length;
  return (
    <div className="caller-card" data-testid="caller-card" data-customer-id={card.customer.id}>
      <CallerCustomerHeader customer={card.customer} onNewTicket={onNewTicket} />
      <Section
        icon={<CustomerServiceOutlined />}
        title={
          <>
            {t('desk.caller.openTickets')} <Badge count={open} showZero color={open ? '#1f6feb' : '#bfbfbf'} />
          </>
        }
        testId="caller-open-tickets"
        className="caller-open-section"
      >
        <OpenTicketRows tickets={card.openTickets} />
      </Section>
      <div className="caller-two-columns">
        <Section icon={<HistoryOutlined />} title={t('desk.caller.pastTickets', { count: card.pastTickets.length })} testId="caller-past-tickets">
          <PastTicketRows tickets={card.pastTickets} />
        </Section>
        <Section icon={<ProjectOutlined />} title={t('desk.caller.opportunities', { count: card.opportunities.length })} testId="caller-opportunities">
          <CallerOpportunities opportunities={card.opportunities} />
        </Section>
      </div>
    </div>
  );
}
