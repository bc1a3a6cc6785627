import { App, Card, Skeleton, Space, Switch, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../ipc/client';
import { formatDateTime } from '../customers/display';
import { useCustomerCampaigns, useSetUnsubscribed } from './queries';
import { OutcomeTag } from './campaignDisplay';
import './campaigns.css';

/**
 * The campaigns that went to the customer, with what became of each, and whether the customer
 * takes campaigns at all (an unsubscribed customer is left out of every later one).
 */
export function CustomerCampaignsCard({ customerId, readOnly }: { customerId: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const data = useCustomerCampaigns(customerId);
  const setUnsubscribed = useSetUnsubscribed(customerId);
  const d = data.data;
  const receives = d ? d.unsubscribedAt === null : true;

  const toggle = (on: boolean) =>
    setUnsubscribed.mutate(!on, {
      onSuccess: () => void message.success(t(on ? 'campaigns.customer.subscribed' : 'campaigns.customer.unsubscribed')),
      onError: (e) => void message.error(t('common.failed', { message: errorMessage(e) })),
    });

  return (
    <Card
      size="small"
      className="section-card customer-campaigns"
      title={`${t('campaigns.customer.title')}${d ? ` (${d.campaigns.length})` : ''}`}
      data-testid="customer-campaigns"
    >
      {data.isPending && <Skeleton active title={false} paragraph={{ rows: 2 }} />}
      {data.isError && <div className="error-text">{errorMessage(data.error)}</div>}
      {d && (
        <>
          <div className="customer-campaigns-subscription">
            <Switch
              size="small"
              checked={receives}
              loading={setUnsubscribed.isPending}
              disabled={readOnly}
              onChange={toggle}
              aria-label={t('campaigns.customer.receives')}
              data-testid="customer-receives-campaigns"
            />
            <span>{t('campaigns.customer.receives')}</span>
            {d.unsubscribedAt && (
              <span className="muted" data-testid="customer-unsubscribed-at">
                {t('campaigns.customer.unsubscribedAt', { at: formatDateTime(d.unsubscribedAt) })}
              </span>
            )}
          </div>
          {d.campaigns.length === 0 ? (
            <div className="muted" data-testid="customer-campaigns-empty">
              {t('campaigns.customer.empty')}
            </div>
          ) : (
            <ul className="customer-campaign-list">
              {d.campaigns.map((c) => (
                <li key={c.campaignId} className="customer-campaign" data-testid="customer-campaign">
                  <Link to={`/campaigns/${c.campaignId}`} className="customer-campaign-name">
                    {c.name}
                  </Link>
                  <Space size={4} wrap>
                    <OutcomeTag outcome={c.outcome} />
                    {c.respondedAt && (
                      <Tag color="blue" title={formatDateTime(c.respondedAt)} data-testid="customer-campaign-responded">
                        {t('campaigns.customer.responded')}
                      </Tag>
                    )}
                    {c.convertedAt && (
                      <Tag color="green" title={formatDateTime(c.convertedAt)} data-testid="customer-campaign-converted">
                        {t('campaigns.customer.converted')}
                      </Tag>
                    )}
                  </Space>
                  {c.deliveredAt && (
                    <span className="muted customer-campaign-when">
                      {t('campaigns.customer.deliveredAt', { at: formatDateTime(c.deliveredAt) })}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Card>
  );
}
