import { useTranslation } from 'react-i18next';
import { useLanguage } from '../opportunities/stageDisplay';
import { SCORES, gridCell, gridMax } from './rfmModel';

/** The R scores top down: the most recent buyers first. */
const ROWS = [...SCORES].reverse();

/**
 * Customers by R score (rows, 5 at the top) and F score (columns, 1 at the left) as a heat map:
 * the more customers a cell holds, the deeper its blue.
 */
export function RfmGrid({ grid }: { grid: number[][] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const max = gridMax(grid);
  return (
    <div className="rfm-grid-wrap">
      <div className="rfm-grid-axis-r">{t('rfm.grid.r')}</div>
      <table className="rfm-grid" data-testid="rfm-grid">
        <thead>
          <tr>
            <th className="rfm-grid-corner" />
            {SCORES.map((f) => (
              <th key={f} scope="col" className="rfm-grid-head">
                F{f}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ROWS.map((r) => (
            <tr key={r}>
              <th scope="row" className="rfm-grid-head">
                R{r}
              </th>
              {SCORES.map((f) => {
                const count = gridCell(grid, r, f);
                // 0 to 1 on a square-root scale, so that one crowded cell (typically R1·F1, the
                // customers who never bought) does not wash out the others; a non-empty cell is
                // never as pale as an empty one.
                const heat = count === 0 || max === 0 ? 0 : 0.1 + 0.9 * Math.sqrt(count / max);
                return (
                  <td
                    key={f}
                    className={heat > 0.6 ? 'rfm-grid-cell deep' : 'rfm-grid-cell'}
                    style={{ background: heat === 0 ? undefined : `rgba(31, 111, 235, ${heat.toFixed(3)})` }}
                    title={t('rfm.grid.cell', { r, f, count })}
                    data-testid={`rfm-cell-${r}-${f}`}
                  >
                    {count.toLocaleString(language)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="rfm-grid-axis-f">{t('rfm.grid.f')} →</div>
    </div>
  );
}
