import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RfmSettings, RfmSummary } from '../ipc/client';
import { formatPercent } from '../opportunities/funnel/chartScale';
import { useLanguage } from '../opportunities/stageDisplay';
import { ValueLevelTag, useTierLabels } from './rfmDisplay';
import { levelShares, ratio, tierShares } from './rfmModel';

interface BarRow {
  key: string;
  label: ReactNode;
  note: string;
  customers: number;
  tone: string;
}

function Bars({ rows, total, testId }: { rows: BarRow[]; total: number; testId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <div className="rfm-bars" data-testid={testId}>
      {rows.map((row) => {
        const part = ratio(row.customers, total);
        return (
          <div key={row.key} className="rfm-bar-row" data-testid={`${testId}-${row.key}`}>
            <div className="rfm-bar-label">
              {row.label}
              {row.note && <span className="rfm-bar-note">{row.note}</span>}
            </div>
            <div className="rfm-bar-track">
              <span className={`rfm-bar-fill ${row.tone}`} style={{ width: `${(part * 100).toFixed(2)}%` }} />
            </div>
            <div className="rfm-bar-value">
              {t('rfm.share', { customers: row.customers.toLocaleString(language), percent: formatPercent(part, language) })}
            </div>
          </div>
        );
      })}
    </div>
  );
}

/** Highest tiers in the strongest tone; tiers past the fourth share the palest. */
const TIER_TONES = ['tone-1', 'tone-2', 'tone-3', 'tone-4'];

/** How the assessed customers spread over the tiers (highest first), with each tier's threshold. */
export function TierDistribution({ summary, settings }: { summary: RfmSummary; settings: RfmSettings | undefined }) {
  const { t } = useTranslation();
  const tiers = useTierLabels();
  const rows = tierShares(summary.tiers, settings?.tiers).map((s, i) => ({
    key: s.key,
    label: <span className="rfm-tier-name">{tiers.label(s.key)}</span>,
    note: s.minScore === null ? '' : t('rfm.tiers.threshold', { score: s.minScore }),
    customers: s.customers,
    tone: TIER_TONES[Math.min(i, TIER_TONES.length - 1)],
  }));
  return <Bars rows={rows} total={summary.customers} testId="rfm-tiers" />;
}

/** How the assessed customers spread over high, mid and low value. */
export function LevelDistribution({ summary, settings }: { summary: RfmSummary; settings: RfmSettings | undefined }) {
  const { t } = useTranslation();
  const note = (key: string) => {
    if (!settings) return '';
    if (key === 'high') return t('rfm.levels.high', { score: settings.highMin });
    if (key === 'mid') return t('rfm.levels.mid', { from: settings.midMin, to: settings.highMin - 1 });
    return t('rfm.levels.low', { score: settings.midMin });
  };
  const rows = levelShares(summary.levels).map((s) => ({
    key: s.key,
    label: <ValueLevelTag level={s.key} />,
    note: note(s.key),
    customers: s.customers,
    tone: `level-${s.key}`,
  }));
  return <Bars rows={rows} total={summary.customers} testId="rfm-levels" />;
}
