import { Card, Skeleton, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, type CustomerRfm } from '../ipc/client';
import { formatAmount } from '../opportunities/money';
import { useLanguage } from '../opportunities/stageDisplay';
import { useCustomerRfm } from './queries';
import { ValueLevelTag, useTierLabels } from './rfmDisplay';
import { SCORES } from './rfmModel';
import './rfm.css';

/** One 1–5 score as five pips, the first `score` of them lit. */
function ScorePips({ letter, label, score }: { letter: 'R' | 'F' | 'M'; label: string; score: number }) {
  const { t } = useTranslation();
  return (
    <div
      className="rfm-score"
      title={t('rfm.card.score', { label, score })}
      aria-label={t('rfm.card.score', { label, score })}
      data-testid={`customer-rfm-${letter.toLowerCase()}`}
    >
      <span className="rfm-score-letter">{letter}</span>
      <span className="rfm-pips" aria-hidden>
        {SCORES.map((n) => (
          <span key={n} className={n <= score ? 'rfm-pip on' : 'rfm-pip'} />
        ))}
      </span>
      <span className="rfm-score-value">{score}</span>
    </div>
  );
}

function Assessment({ rfm }: { rfm: CustomerRfm }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const tiers = useTierLabels();
  const recency =
    rfm.recencyDays === null
      ? t('rfm.card.neverBought')
      : rfm.recencyDays === 0
        ? t('rfm.card.recencyToday')
        : t('rfm.card.recencyDays', { count: rfm.recencyDays });
  return (
    <>
      <div className="rfm-card-tags">
        <Tag className="rfm-tier-tag" data-testid="customer-rfm-tier">
          {tiers.label(rfm.tier)}
        </Tag>
        <ValueLevelTag level={rfm.valueLevel} />
      </div>
      <div className="rfm-scores">
        <ScorePips letter="R" label={t('rfm.card.scoreR')} score={rfm.r} />
        <ScorePips letter="F" label={t('rfm.card.scoreF')} score={rfm.f} />
        <ScorePips letter="M" label={t('rfm.card.scoreM')} score={rfm.m} />
      </div>
      <dl className="rfm-card-facts">
        <dt>{t('rfm.card.recency')}</dt>
        <dd data-testid="customer-rfm-recency">{recency}</dd>
        <dt>{t('rfm.card.frequency')}</dt>
        <dd data-testid="customer-rfm-frequency">{t('rfm.card.frequencyCount', { count: rfm.frequency })}</dd>
        <dt>{t('rfm.card.monetary')}</dt>
        <dd data-testid="customer-rfm-monetary">{formatAmount(rfm.monetary, 'CNY', language)}</dd>
      </dl>
    </>
  );
}

/** The customer's last RFM assessment: scores, what they stand for, tier and value level. */
export function CustomerRfmCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const rfm = useCustomerRfm(customerId);
  return (
    <Card size="small" className="section-card customer-rfm" title={t('rfm.card.title')} data-testid="customer-rfm">
      {rfm.isPending && <Skeleton active paragraph={{ rows: 2 }} />}
      {rfm.isError && <div className="error-text">{errorMessage(rfm.error)}</div>}
      {rfm.data === null && (
        <div className="rfm-card-none" data-testid="customer-rfm-none">
          {t('rfm.card.none')}
        </div>
      )}
      {rfm.data && <Assessment rfm={rfm.data} />}
    </Card>
  );
}
