import { useState, type ReactNode } from 'react';
import { Button, Card, Descriptions, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Lead } from '../../ipc/client';
import { formatDateTime } from '../../customers/display';
import { LeadFormModal } from '../form/LeadFormModal';

/** The lead's details, and the form to correct them. */
export function LeadDetailsCard({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  // The core lets the owner or a manager edit a lead that is neither converted nor voided: the
  // very people and statuses it offers "void" to, so that offer stands for "may edit" too.
  const mayEdit = lead.allowedActions.includes('void');
  const none = <span className="muted">{t('common.none')}</span>;
  const item = (key: string, label: string, value: ReactNode) => ({ key, label, children: value || none });
  const copyable = (value: string | null) => value && <Typography.Text copyable>{value}</Typography.Text>;
  const place = [lead.country, lead.province, lead.city].filter(Boolean).join(' · ');

  return (
    <Card
      size="small"
      className="section-card"
      title={t('leads.page.details')}
      data-testid="lead-details"
      extra={
        mayEdit && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="lead-edit">
            {t('leads.page.edit')}
          </Button>
        )
      }
    >
      <Descriptions
        size="small"
        column={1}
        styles={{ label: { width: 96 } }}
        items={[
          item('phone', t('leads.field.phone'), copyable(lead.phone)),
          item('email', t('leads.field.email'), copyable(lead.email)),
          item('company', t('leads.field.company'), lead.company),
          item('source', t('leads.field.source'), lead.source),
          item('industry', t('leads.field.industry'), lead.industry),
          item('location', t('leads.field.location'), place),
          item('territory', t('leads.field.territory'), lead.territory?.name ?? t('leads.list.unassignedTerritory')),
          item('touched', t('leads.field.touched'), formatDateTime(lead.touchedAt)),
          ...(lead.notes ? [item('notes', t('leads.field.notes'), <div className="pre-wrap">{lead.notes}</div>)] : []),
        ]}
      />
      <div className="record-stamp">
        <div>{t('leads.page.createdBy', { by: lead.createdBy, at: formatDateTime(lead.createdAt) })}</div>
        <div>{t('leads.page.updatedBy', { by: lead.updatedBy, at: formatDateTime(lead.updatedAt) })}</div>
      </div>
      {editing && <LeadFormModal lead={lead} onClose={() => setEditing(false)} />}
    </Card>
  );
}
