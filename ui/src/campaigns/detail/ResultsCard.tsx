import { useState } from 'react';
import { Alert, App, Button, Card, InputNumber, Skeleton, Space, Statistic } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, type Campaign, type CampaignResults } from '../../ipc/client';
import { useSaveCampaign } from '../queries';
import { AmountTotals } from '../campaignDisplay';
import { MAX_ATTRIBUTION_DAYS, withAttributionDays } from '../campaignModel';

const COUNTS = ['recipients', 'reached', 'failed', 'skipped', 'pending', 'responded', 'converted', 'attributedOrders'] as const;

/** The attribution window, and for its editors a way to change it (all a sent campaign may change). */
function Attribution({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSaveCampaign(campaign.id);
  const [days, setDays] = useState<number | null | undefined>(undefined);
  const editing = days !== undefined;

  const submit = () =>
    save.mutate(withAttributionDays(campaign, days ?? 0), {
      onSuccess: (saved) => {
        setDays(undefined);
        void message.success(t('campaigns.results.attributionSaved', { days: t('campaigns.days', { count: saved.attributionDays }) }));
      },
    });

  return (
    <div className="campaign-attribution" data-testid="results-attribution">
      <span className="campaign-fact-label">{t('campaigns.results.attribution')}</span>
      {editing ? (
        <Space.Compact>
          <InputNumber<number>
            min={1}
            max={MAX_ATTRIBUTION_DAYS}
            precision={0}
            value={days}
            onChange={setDays}
            suffix={t('campaigns.editor.days')}
            autoFocus
            data-testid="results-attribution-days"
          />
          <Button type="primary" loading={save.isPending} onClick={submit} data-testid="results-attribution-save">
            {t('common.save')}
          </Button>
          <Button onClick={() => setDays(undefined)}>{t('common.cancel')}</Button>
        </Space.Compact>
      ) : (
        <>
          <strong>{t('campaigns.days', { count: campaign.attributionDays })}</strong>
          {campaign.mayEdit && (
            <Button
              size="small"
              type="link"
              icon={<EditOutlined />}
              onClick={() => {
                save.reset();
                setDays(campaign.attributionDays);
              }}
              data-testid="results-attribution-edit"
            >
              {t('campaigns.results.changeAttribution')}
            </Button>
          )}
        </>
      )}
      {save.isError && <div className="error-text">{t('campaigns.detail.refused', { message: errorMessage(save.error) })}</div>}
    </div>
  );
}

/** How the sent campaign did: reached, responded, converted, and the orders it brought. */
export function ResultsCard({ campaign, results }: { campaign: Campaign; results: UseQueryResult<CampaignResults> }) {
  const { t } = useTranslation();
  const r = results.data;
  return (
    <Card size="small" className="section-card campaign-results" title={t('campaigns.results.title')} data-testid="campaign-results">
      {results.isPending && <Skeleton active paragraph={{ rows: 2 }} />}
      {results.isError && <Alert type="error" showIcon title={t('campaigns.results.loadFailed', { message: errorMessage(results.error) })} />}
      {r && (
        <div className="campaign-stats campaign-results-stats">
          {COUNTS.map((key) => (
            <Statistic key={key} title={t(`campaigns.results.${key}`)} value={r[key]} data-testid={`results-${key}`} />
          ))}
          <Statistic
            title={t('campaigns.results.attributedAmount')}
            valueRender={() => <AmountTotals totals={r.attributedAmount} />}
            data-testid="results-attributedAmount"
          />
        </div>
      )}
      <Attribution campaign={campaign} />
      <ul className="campaign-help" data-testid="campaign-results-help">
        <li>{t('campaigns.results.helpReached')}</li>
        <li>{t('campaigns.results.helpConverted')}</li>
        <li>{t('campaigns.results.helpAmount')}</li>
        <li>{t('campaigns.results.scope')}</li>
      </ul>
    </Card>
  );
}
