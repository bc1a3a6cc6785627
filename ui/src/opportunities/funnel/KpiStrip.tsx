import type { ReactNode } from 'react';
import { AimOutlined, FundOutlined, PercentageOutlined, TrophyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Funnel } from '../../ipc/client';
import { formatAmount } from '../money';
import { useLanguage } from '../stageDisplay';
import { formatPercent, share } from './chartScale';

interface TileProps {
  tone: 'blue' | 'indigo' | 'green' | 'amber';
  icon: ReactNode;
  label: string;
  value: string;
  note: ReactNode;
  testId: string;
}

function Tile({ tone, icon, label, value, note, testId }: TileProps) {
  return (
    <div className={`kpi-tile kpi-${tone}`} data-testid={testId}>
      <div className="kpi-icon">{icon}</div>
      <div className="kpi-body">
        <div className="kpi-label">{label}</div>
        <div className="kpi-value">{value}</div>
        <div className="kpi-note">{note}</div>
      </div>
    </div>
  );
}

/** The four numbers a sales manager asks first: pipeline, forecast, won, win rate. */
export function KpiStrip({ funnel: f }: { funnel: Funnel }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = (minor: number) => formatAmount(minor, f.currency, language);
  const closed = f.wonCount + f.lostCount;
  return (
    <div className="kpi-strip">
      <Tile
        tone="blue"
        icon={<FundOutlined />}
        label={t('opportunities.funnel.kpiOpen')}
        value={money(f.openAmount)}
        note={t('opportunities.funnel.kpiOpenNote', { count: f.openCount })}
        testId="kpi-open"
      />
      <Tile
        tone="indigo"
        icon={<AimOutlined />}
        label={t('opportunities.funnel.kpiWeighted')}
        value={money(f.weightedForecast)}
        note={
          f.openAmount > 0
            ? t('opportunities.funnel.kpiWeightedNote', { percent: formatPercent(f.weightedForecast / f.openAmount, language) })
            : t('common.none')
        }
        testId="kpi-weighted"
      />
      <Tile
        tone="green"
        icon={<TrophyOutlined />}
        label={t('opportunities.funnel.kpiWon')}
        value={money(f.wonAmount)}
        note={t('opportunities.funnel.kpiWonNote', { count: f.wonCount })}
        testId="kpi-won"
      />
      <Tile
        tone="amber"
        icon={<PercentageOutlined />}
        label={t('opportunities.funnel.kpiWinRate')}
        value={f.winRate === null ? t('common.none') : formatPercent(f.winRate, language)}
        note={
          <span className="kpi-winrate">
            <span className="kpi-winrate-bar">
              <span style={{ width: `${share(f.wonCount, closed)}%` }} />
            </span>
            {t('opportunities.funnel.kpiWinRateNote', { won: f.wonCount, lost: f.lostCount })}
          </span>
        }
        testId="kpi-win-rate"
      />
    </div>
  );
}
