import { Button, Card, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DuplicateCluster } from '../ipc/client';

/** Red for near-certain duplicates, down to gold for ones worth a look. */
function scoreColor(score: number): string {
  if (score >= 90) return 'red';
  if (score >= 70) return 'orange';
  return 'gold';
}

/** One proposed group: how sure the scan is, who is in it and why; a click opens the review. */
export function ClusterCard({ cluster, onOpen }: { cluster: DuplicateCluster; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <Card size="small" hoverable className="duplicate-cluster" data-testid="duplicate-cluster" onClick={onOpen}>
      <div className="duplicate-cluster-head">
        <Tag color={scoreColor(cluster.score)} variant="filled" data-testid="duplicate-score">
          {t('duplicates.score', { score: cluster.score })}
        </Tag>
        <span className="duplicate-names" data-testid="duplicate-names">
          {cluster.members.map((m) => m.name).join(' / ')}
        </span>
        <div className="toolbar-spacer" />
        {/* The click reaches the card, which opens the review. */}
        <Button size="small">{t('duplicates.review')}</Button>
      </div>
      <ul className="duplicate-members">
        {cluster.members.map((m) => (
          <li key={m.id} className="muted">
            {m.name}: {[m.company, [m.province, m.city].filter(Boolean).join(' '), ...m.phones, ...m.emails].filter(Boolean).join(' · ')}
          </li>
        ))}
      </ul>
      <div className="duplicate-reasons">
        {cluster.reasons.map((r) => (
          <Tag key={`${r.evidence}:${r.value}`} data-testid="duplicate-reason">
            {t('duplicates.reason', { reason: t(`duplicates.reasons.${r.evidence}`), value: r.value })}
          </Tag>
        ))}
      </div>
    </Card>
  );
}
