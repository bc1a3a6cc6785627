import { useTranslation } from 'react-i18next';
import type { SlaFigures } from '../../ipc/client';
import { useLanguage } from '../../opportunities/stageDisplay';
import { formatRate, percentOf } from './slaFigures';

const STAR_COLORS = ['#f5222d', '#fa8c16', '#fadb14', '#95de64', '#52c41a'];

/** How the customers rated: one bar per star count, five stars on top, each as long as its share. */
export function RatingDistribution({ figures: f }: { figures: SlaFigures }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const most = Math.max(1, ...f.ratingCounts);
  if (f.rated === 0) return <div className="muted rating-empty">{t('desk.report.noRatings')}</div>;
  return (
    <div className="rating-bars" data-testid="rating-distribution">
      {[5, 4, 3, 2, 1].map((stars) => {
        const count = f.ratingCounts[stars - 1] ?? 0;
        return (
          <div key={stars} className="rating-row" data-testid={`rating-${stars}`}>
            <span className="rating-label">{t('desk.report.starCount', { count: stars })}</span>
            <span className="rating-track">
              <span className="rating-bar" style={{ width: `${percentOf(count, most)}%`, background: STAR_COLORS[stars - 1] }} />
            </span>
            <span className="rating-count" data-testid={`rating-${stars}-count`}>
              {count}
            </span>
            <span className="rating-share">{formatRate(count / f.rated, language)}</span>
          </div>
        );
      })}
      {/* The same shares as one stacked bar: the overall mood at a glance. */}
      <div className="rating-stack" aria-hidden>
        {[5, 4, 3, 2, 1].map((stars) => (
          <span
            key={stars}
            style={{ width: `${percentOf(f.ratingCounts[stars - 1] ?? 0, f.rated)}%`, background: STAR_COLORS[stars - 1] }}
          />
        ))}
      </div>
    </div>
  );
}
