import { Card, Descriptions } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ipc, type Opportunity } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { formatDateTime } from '../../customers/display';

/** The record's remaining facts: contact, currency, why it was lost, notes, who made it. */
export function OpportunityDetailsCard({ opportunity: o }: { opportunity: Opportunity }) {
  const { t } = useTranslation();
  const contacts = useQuery({
    queryKey: queryKeys.contacts(o.customerId),
    queryFn: () => ipc.contactList(o.customerId),
    enabled: o.contactId !== null,
  });
  const contact = contacts.data?.find((c) => c.id === o.contactId);
  const none = <span className="muted">{t('common.none')}</span>;

  return (
    <Card size="small" className="section-card" title={t('opportunities.detail.details')} data-testid="opportunity-details">
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'contact', label: t('opportunities.field.contact'), children: contact ? contact.name : none },
          { key: 'currency', label: t('opportunities.field.currency'), children: o.currency },
          ...(o.stage.outcome === 'lost'
            ? [{ key: 'lost', label: t('opportunities.field.lostReason'), children: <span className="pre-wrap">{o.lostReason}</span> }]
            : []),
          ...(o.closedAt ? [{ key: 'closed', label: t('opportunities.detail.closedAt'), children: formatDateTime(o.closedAt) }] : []),
          { key: 'notes', label: t('opportunities.field.notes'), children: o.notes ? <span className="pre-wrap">{o.notes}</span> : none },
        ]}
      />
      <div className="record-stamp">
        {t('opportunities.detail.created', { at: formatDateTime(o.createdAt), by: o.createdBy })}
        <br />
        {t('opportunities.detail.updated', { at: formatDateTime(o.updatedAt), by: o.updatedBy })}
      </div>
    </Card>
  );
}
