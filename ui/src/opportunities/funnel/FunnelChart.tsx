import type { CSSProperties } from 'react';
import { ArrowDownOutlined, TrophyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FunnelStage } from '../../ipc/client';
import { formatAmount, formatCompactAmount } from '../money';
import { stageName, useLanguage } from '../stageDisplay';
import { formatPercent, share } from './chartScale';

/** Blues from light (first contact) to deep (the last open stage). */
function stageColor(index: number, count: number): string {
  const t = count <= 1 ? 1 : index / (count - 1);
  const lightness = Math.round(78 - t * 36);
  return `hsl(217, 82%, ${lightness}%)`;
}

/**
 * The open stages as a funnel: each bar as wide as the opportunities that reached the stage,
 * narrowing into the next, with the share that went on between them, and the won ones last.
 */
export function FunnelChart({ stages, currency }: { stages: FunnelStage[]; currency: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const open = stages.filter((s) => s.stage.outcome === 'open');
  const won = stages.find((s) => s.stage.outcome === 'won');
  const rows = won ? [...open, won] : open;
  const top = Math.max(1, ...rows.map((s) => s.reached));
  // Bars stay visible even when few got that far.
  const widths = rows.map((s) => share(s.reached, top, 6) || 6);

  return (
    <div className="funnel-chart" data-testid="funnel-chart">
      {rows.map((s, i) => {
        const width = widths[i];
        const next = widths[i + 1] ?? width * 0.86;
        // The bar's bottom edge is as wide as the next bar's top, so the bars read as one funnel.
        const inset = Math.max(0, ((width - next) / 2 / width) * 100);
        const isWon = s.stage.outcome === 'won';
        const style: CSSProperties = {
          width: `${width}%`,
          background: isWon ? 'linear-gradient(180deg, #73d13d, #389e0d)' : stageColor(i, open.length),
          clipPath: `polygon(0 0, 100% 0, ${100 - inset}% 100%, ${inset}% 100%)`,
        };
        return (
          <div key={s.stage.id} className="funnel-block">
            <div className={`funnel-row${isWon ? ' won' : ''}`} data-testid={`funnel-stage-${s.stage.key}`}>
              <div className="funnel-label">
                <span className="funnel-stage-name">
                  {isWon && <TrophyOutlined />} {stageName(s.stage, language)}
                </span>
                <span className="funnel-stage-probability">{s.probability}%</span>
              </div>
              <div className="funnel-track">
                <div className="funnel-bar" style={style}>
                  <span className="funnel-bar-text">{s.reached}</span>
                </div>
              </div>
              <div className="funnel-figures">
                <span className="funnel-count">{t('opportunities.funnel.inStage', { count: s.count })}</span>
                <span className="funnel-amount" title={formatAmount(s.amount, currency, language)}>
                  {formatCompactAmount(s.amount, currency, language)}
                </span>
                {!isWon && (
                  <span className="funnel-weighted">
                    {t('opportunities.funnel.weightedShort', { amount: formatCompactAmount(s.weightedAmount, currency, language) })}
                  </span>
                )}
              </div>
            </div>
            {i < rows.length - 1 && (
              <div className="funnel-conversion" data-testid={`funnel-conversion-${s.stage.key}`}>
                <span className="funnel-conversion-pill">
                  <ArrowDownOutlined />{' '}
                  {s.conversionToNext === null
                    ? t('common.none')
                    : t('opportunities.funnel.conversion', { percent: formatPercent(s.conversionToNext, language) })}
                </span>
              </div>
            )}
          </div>
        );
      })}
      <div className="funnel-legend">{t('opportunities.funnel.reachedHint')}</div>
    </div>
  );
}
