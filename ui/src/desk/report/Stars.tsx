import { useTranslation } from 'react-i18next';

/** Five stars filled to `value` (e.g. 4.6), exactly, by clipping a filled row over an empty one. */
export function Stars({ value }: { value: number }) {
  const { t } = useTranslation();
  const width = `${Math.max(0, Math.min(5, value)) * 20}%`;
  return (
    <span className="stars" role="img" aria-label={t('desk.report.starsLabel', { value: value.toFixed(1) })}>
      <span className="stars-empty">★★★★★</span>
      <span className="stars-full" style={{ width }}>
        ★★★★★
      </span>
    </span>
  );
}
