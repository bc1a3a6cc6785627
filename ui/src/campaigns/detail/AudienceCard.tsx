import { Alert, Card, Skeleton, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, type Audience } from '../../ipc/client';
import { useCampaignAudience } from '../queries';

const REASONS: (keyof Audience)[] = ['blacklisted', 'unsubscribed', 'withoutAddress'];

/** Who a draft would reach now: the segment's members, those left out and why, and the recipients. */
export function AudienceCard({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const audience = useCampaignAudience(campaignId, true);
  const a = audience.data;
  return (
    <Card size="small" className="section-card campaign-audience" title={t('campaigns.audience.title')} data-testid="campaign-audience">
      {audience.isPending && <Skeleton active paragraph={{ rows: 2 }} />}
      {audience.isError && <Alert type="error" showIcon title={t('campaigns.audience.failed', { message: errorMessage(audience.error) })} />}
      {a && (
        <>
          <div className="campaign-stats">
            <Statistic title={t('campaigns.audience.members')} value={a.members} data-testid="audience-members" />
            {REASONS.map((key) => (
              <Statistic
                key={key}
                className="campaign-stat-minus"
                title={t(`campaigns.audience.${key}`)}
                value={a[key]}
                prefix="−"
                data-testid={`audience-${key}`}
              />
            ))}
            <Statistic
              className="campaign-stat-main"
              title={t('campaigns.audience.recipients')}
              value={a.recipients}
              data-testid="audience-recipients"
            />
          </div>
          <p className="campaign-hint">{t('campaigns.audience.hint')}</p>
        </>
      )}
    </Card>
  );
}
