import { useState } from 'react';
import { Alert, Button, Empty, InputNumber, Skeleton } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage, type DuplicateCluster, type DuplicateScan, type ScanOptions } from '../ipc/client';
import { useDuplicateScan } from './queries';
import { ClusterCard } from './ClusterCard';
import { MergeReview } from './MergeReview';

/** The core's default threshold; the strongest 200 clusters are plenty to work through at once. */
const START: ScanOptions = { minScore: 50, limit: 200 };

function ScanSummary({ scan }: { scan: DuplicateScan }) {
  const { t } = useTranslation();
  const counts = {
    scanned: scan.scanned.toLocaleString(),
    found: scan.found.toLocaleString(),
    shown: scan.clusters.length.toLocaleString(),
  };
  return (
    <div className="duplicates-summary">
      <div data-testid="duplicates-summary">
        {scan.found > scan.clusters.length ? t('duplicates.summaryTruncated', counts) : t('duplicates.summary', counts)}
      </div>
      {scan.commonKeys.length > 0 && (
        <ul className="duplicates-common-keys muted" data-testid="duplicates-common-keys">
          {scan.commonKeys.map((k) => (
            <li key={`${k.evidence}:${k.value}`}>
              {t('duplicates.commonKey', { key: t(`duplicates.keys.${k.evidence}`), value: k.value, count: k.customers })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The scan on opening, again on request with another threshold; a cluster opens its review. */
export function DuplicateClusters() {
  const { t } = useTranslation();
  const [minScore, setMinScore] = useState(START.minScore);
  const [options, setOptions] = useState(START);
  const [reviewing, setReviewing] = useState<DuplicateCluster | null>(null);
  const scan = useDuplicateScan(options);

  const rescan = () => {
    if (minScore === options.minScore) void scan.refetch();
    else setOptions({ ...options, minScore });
  };

  return (
    <div className="duplicates-clusters">
      <div className="duplicates-controls">
        <span>{t('duplicates.minScore')}</span>
        <InputNumber<number>
          min={0}
          max={100}
          precision={0}
          value={minScore}
          onChange={(v) => setMinScore(v ?? START.minScore)}
          data-testid="duplicate-min-score"
        />
        <Button icon={<SearchOutlined />} loading={scan.isFetching} onClick={rescan} data-testid="duplicate-scan">
          {t('duplicates.scan')}
        </Button>
      </div>
      {scan.isPending && <Skeleton active />}
      {scan.isError && (
        <Alert
          type="error"
          showIcon
          title={t('duplicates.scanFailed')}
          description={errorMessage(scan.error)}
          data-testid="duplicates-scan-error"
        />
      )}
      {scan.data && (
        <>
          <ScanSummary scan={scan.data} />
          {scan.data.clusters.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duplicates.empty')} data-testid="duplicates-empty" />
          ) : (
            <div className="duplicate-list">
              {scan.data.clusters.map((c) => (
                <ClusterCard key={c.members.map((m) => m.id).join()} cluster={c} onOpen={() => setReviewing(c)} />
              ))}
            </div>
          )}
        </>
      )}
      <MergeReview cluster={reviewing} onClose={() => setReviewing(null)} />
    </div>
  );
}
