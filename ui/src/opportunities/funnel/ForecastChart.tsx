import { Empty, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ForecastRow, Language } from '../../ipc/client';
import { formatAmount, formatCompactAmount } from '../money';
import { useLanguage } from '../stageDisplay';
import { niceMax, share } from './chartScale';

export type ForecastKind = 'month' | 'owner' | 'territory';

/** What a row is called: a month in the language's way, a person, a territory, or "none". */
function rowLabel(row: ForecastRow, kind: ForecastKind, language: Language, none: string): string {
  if (!row.key) return none;
  if (kind === 'month') return dayjs(`${row.key}-01`).format(language === 'en' ? 'MMM YYYY' : 'YYYY年M月');
  return row.label || row.key;
}

interface Props {
  rows: ForecastRow[];
  kind: ForecastKind;
  currency: string;
}

/**
 * The weighted forecast beside the full amount: months as pairs of columns over time, owners and
 * territories as pairs of bars, largest first.
 */
export function ForecastChart({ rows, kind, currency }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const noneKey = { month: 'opportunities.funnel.noDate', territory: 'opportunities.funnel.noTerritory', owner: 'common.none' } as const;
  const none = t(noneKey[kind]);
  const compact = (minor: number) => formatCompactAmount(minor, currency, language);
  const tip = (row: ForecastRow) =>
    t('opportunities.funnel.rowTip', {
      count: row.count,
      amount: formatAmount(row.amount, currency, language),
      weighted: formatAmount(row.weightedAmount, currency, language),
    });

  if (rows.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opportunities.funnel.noOpen')} />;
  }
  const top = niceMax(Math.max(...rows.map((r) => r.amount)));

  if (kind === 'month') {
    // Months in time order, "no date" at the end.
    const ordered = [...rows].sort((a, b) => (!a.key ? 1 : !b.key ? -1 : a.key.localeCompare(b.key)));
    return (
      <div className="forecast-columns">
        <div className="forecast-grid">
          {[1, 0.5, 0].map((f) => (
            <div key={f} className="forecast-gridline" style={{ bottom: `${f * 100}%` }}>
              <span>{compact(top * f)}</span>
            </div>
          ))}
        </div>
        <div className="forecast-groups">
          {ordered.map((row) => (
            <Tooltip key={row.key} title={tip(row)}>
              <div className="forecast-group" data-testid="forecast-row" data-key={row.key}>
                <div className="forecast-pair">
                  <div className="forecast-column amount" style={{ height: `${share(row.amount, top, 1)}%` }} />
                  <div className="forecast-column weighted" style={{ height: `${share(row.weightedAmount, top, 1)}%` }}>
                    <span className="forecast-column-value">{compact(row.weightedAmount)}</span>
                  </div>
                </div>
                <div className="forecast-group-label">{rowLabel(row, kind, language, none)}</div>
              </div>
            </Tooltip>
          ))}
        </div>
      </div>
    );
  }

  const ordered = [...rows].sort((a, b) => b.weightedAmount - a.weightedAmount);
  return (
    <div className="forecast-bars">
      {ordered.map((row) => (
        <Tooltip key={row.key} title={tip(row)} placement="topLeft">
          <div className="forecast-bar-row" data-testid="forecast-row" data-key={row.key}>
            <div className={`forecast-bar-label${row.key ? '' : ' muted'}`}>{rowLabel(row, kind, language, none)}</div>
            <div className="forecast-bar-track">
              <div className="forecast-bar amount" style={{ width: `${share(row.amount, top, 0.5)}%` }}>
                <span>{compact(row.amount)}</span>
              </div>
              <div className="forecast-bar weighted" style={{ width: `${share(row.weightedAmount, top, 0.5)}%` }}>
                <span>{compact(row.weightedAmount)}</span>
              </div>
            </div>
            <div className="forecast-bar-count">{t('opportunities.funnel.count', { count: row.count })}</div>
          </div>
        </Tooltip>
      ))}
    </div>
  );
}
