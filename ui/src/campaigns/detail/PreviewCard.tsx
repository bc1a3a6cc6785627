import { useState } from 'react';
import { Alert, Card, Select, Skeleton } from 'antd';
import { MailOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, type Campaign } from '../../ipc/client';
import { useCampaignPreview, usePreviewMembers } from '../queries';
import { useReasonText } from '../campaignDisplay';

/** The message as one member of the segment gets it (the first one until another is picked). */
export function PreviewCard({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const members = usePreviewMembers(campaign.segmentId);
  const [picked, setPicked] = useState<string | null>(null);
  const rows = members.data?.rows ?? [];
  const customerId = picked ?? rows[0]?.id ?? null;
  const preview = useCampaignPreview(campaign.id, customerId);
  const p = preview.data;

  return (
    <Card size="small" className="section-card campaign-preview" title={t('campaigns.preview.title')} data-testid="campaign-preview">
      <div className="campaign-preview-pick">
        <Select<string>
          className="campaign-preview-select"
          value={customerId ?? undefined}
          onChange={setPicked}
          loading={members.isPending}
          placeholder={t('campaigns.preview.pick')}
          showSearch={{ optionFilterProp: 'label' }}
          options={rows.map((r) => ({ value: r.id, label: r.company && r.company !== r.name ? `${r.name} · ${r.company}` : r.name }))}
          aria-label={t('campaigns.preview.pick')}
          data-testid="campaign-preview-customer"
        />
        <span className="campaign-hint">{t('campaigns.preview.pickHint')}</span>
      </div>
      {members.isError && (
        <Alert type="error" showIcon title={t('campaigns.preview.membersFailed', { message: errorMessage(members.error) })} />
      )}
      {members.isSuccess && rows.length === 0 && (
        <div className="muted" data-testid="campaign-preview-no-members">
          {t('campaigns.preview.noMembers')}
        </div>
      )}
      {customerId && preview.isPending && <Skeleton active paragraph={{ rows: 4 }} />}
      {preview.isError && (
        <Alert
          type="error"
          showIcon
          title={t('campaigns.preview.failed', { message: errorMessage(preview.error) })}
          data-testid="campaign-preview-error"
        />
      )}
      {p && (
        <div className="campaign-message" data-testid="campaign-preview-message">
          {p.excluded && (
            <Alert
              type="warning"
              showIcon
              className="campaign-preview-excluded"
              title={t('campaigns.preview.excluded', { reason: reasonText(p.excluded) })}
              data-testid="campaign-preview-excluded"
            />
          )}
          <dl className="campaign-message-head">
            <dt>{t('campaigns.preview.to')}</dt>
            <dd data-testid="campaign-preview-to">
              <MailOutlined /> <Link to={`/customers/${p.customerId}`}>{p.customerName}</Link>{' '}
              {p.email ? <span>&lt;{p.email}&gt;</span> : <span className="muted">{t('campaigns.preview.noEmail')}</span>}
            </dd>
            <dt>{t('campaigns.preview.subject')}</dt>
            <dd className="campaign-message-subject" data-testid="campaign-preview-subject">
              {p.subject}
            </dd>
          </dl>
          <div className="campaign-message-body" data-testid="campaign-preview-body">
            {p.body}
          </div>
        </div>
      )}
    </Card>
  );
}
