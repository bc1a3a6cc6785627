import { Card, Descriptions } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ipc, type Ticket } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { formatDateTime } from '../../customers/display';
import { CategoryLabel, ChannelLabel } from '../ticketLabels';
import { useFields } from '../../classification/queries';
import { findField, optionLabel } from '../../classification/labels';

/** What the customer asked, and the ticket's particulars. */
export function TicketDetailsCard({ ticket: k, agentName }: { ticket: Ticket; agentName: (login: string) => string }) {
  const { t, i18n } = useTranslation();
  const fields = useFields();
  const contacts = useQuery({
    queryKey: queryKeys.contacts(k.customerId),
    queryFn: () => ipc.contactList(k.customerId),
    enabled: k.contactId !== null,
  });
  const contact = contacts.data?.find((c) => c.id === k.contactId);
  return (
    <Card size="small" className="section-card ticket-details" title={t('service.detail.description')} data-testid="ticket-details">
      <div className={k.description ? 'ticket-description pre-wrap' : 'ticket-description muted'} data-testid="ticket-description">
        {k.description ?? t('service.detail.noDescription')}
      </div>
      <Descriptions
        size="small"
        column={2}
        className="ticket-facts"
        items={[
          { key: 'channel', label: t('service.detail.channel'), children: <ChannelLabel channel={k.channel} /> },
          { key: 'category', label: t('service.detail.category'), children: <CategoryLabel category={k.category} /> },
          {
            key: 'contact',
            label: t('service.detail.contact'),
            children: k.contactId ? (contact?.name ?? '…') : <span className="muted">{t('service.detail.noContact')}</span>,
          },
          ...(k.tier ? [{ key: 'tier', label: t('service.sla.tier'), children: optionLabel(findField(fields.data ?? [], 'tier'), k.tier, i18n.language === 'en' ? 'en' : 'zh-CN') }] : []),
        ]}
      />
      <div className="ticket-stamps muted">
        {t('service.detail.created', { by: agentName(k.createdBy), at: formatDateTime(k.createdAt) })} ·{' '}
        {t('service.detail.updated', { at: formatDateTime(k.updatedAt) })}
      </div>
    </Card>
  );
}
