// How a campaign's status, a recipient's outcome and the core's reasons look wherever they appear.
import { Tag } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, EditOutlined, LoadingOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignStatus, CurrencyTotal, RecipientOutcome } from '../ipc/client';
import { formatAmount } from '../opportunities/money';
import { useLanguage } from '../opportunities/stageDisplay';
import { reasonKey } from './campaignModel';

const STATUS_LOOK: Record<CampaignStatus, { color: string; icon: ReactNode }> = {
  draft: { color: 'default', icon: <EditOutlined /> },
  sending: { color: 'processing', icon: <LoadingOutlined /> },
  sent: { color: 'success', icon: <CheckCircleOutlined /> },
};

const OUTCOME_COLORS: Record<RecipientOutcome, string> = { pending: 'gold', delivered: 'green', failed: 'red', skipped: 'default' };

/** 草稿 / 发送中 / 已发送. */
export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_LOOK[status].color} icon={STATUS_LOOK[status].icon} data-testid="campaign-status" data-status={status}>
      {t(`campaigns.status.${status}`)}
    </Tag>
  );
}

/** 待发送 / 已送达 / 发送失败 / 已排除. */
export function OutcomeTag({ outcome }: { outcome: RecipientOutcome }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={OUTCOME_COLORS[outcome]}
      icon={outcome === 'pending' ? <ClockCircleOutlined /> : undefined}
      variant="filled"
      data-testid="recipient-outcome"
      data-outcome={outcome}
    >
      {t(`campaigns.outcome.${outcome}`)}
    </Tag>
  );
}

/** A reason the core gave: in the user's language when it is a known one, else as the server said it. */
export function useReasonText(): (reason: string) => string {
  const { t } = useTranslation();
  return (reason) => {
    const key = reasonKey(reason);
    return key ? t(`campaigns.reason.${key}`) : reason;
  };
}

/** Amounts per currency, one after another; ¥0.00 when there are none. */
export function AmountTotals({ totals }: { totals: CurrencyTotal[] }) {
  const language = useLanguage();
  const shown = totals.length > 0 ? totals : [{ currency: 'CNY', amount: 0 }];
  return (
    <span className="campaign-amounts">
      {shown.map((total) => (
        <span key={total.currency} className="campaign-amount" data-testid="campaign-amount">
          {formatAmount(total.amount, total.currency, language)}
        </span>
      ))}
    </span>
  );
}
