import { Card, Skeleton, Tag, Tooltip } from 'antd';
import { ApartmentOutlined, CameraOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type SegmentKind } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';

/** Each kind at a glance: dynamic follows the data, fixed is kept by hand, a snapshot is frozen. */
const KIND_LOOK: Record<SegmentKind, { color: string; icon: ReactNode }> = {
  dynamic: { color: 'blue', icon: <ThunderboltOutlined /> },
  fixed: { color: 'purple', icon: <ApartmentOutlined /> },
  snapshot: { color: 'cyan', icon: <CameraOutlined /> },
};

/** The segments the customer is in, each a link to the segment's page. */
export function CustomerSegmentsCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const segments = useQuery({
    queryKey: queryKeys.customerSegments(customerId),
    queryFn: () => ipc.customerSegments(customerId),
  });

  return (
    <Card
      size="small"
      className="section-card customer-segments"
      title={`${t('customerSegments.title')}${segments.data ? ` (${segments.data.length})` : ''}`}
      data-testid="customer-segments"
    >
      {segments.isPending && <Skeleton active title={false} paragraph={{ rows: 1 }} />}
      {segments.isError && <div className="error-text">{errorMessage(segments.error)}</div>}
      {segments.data?.length === 0 && (
        <div className="muted" data-testid="customer-segments-empty">
          {t('customerSegments.empty')}
        </div>
      )}
      {(segments.data?.length ?? 0) > 0 && (
        <div className="segment-tags">
          {segments.data?.map((s) => (
            <Tooltip key={s.id} title={t(`customerSegments.kind.${s.kind}`)}>
              <Tag color={KIND_LOOK[s.kind].color} icon={KIND_LOOK[s.kind].icon} className="segment-tag" data-testid="customer-segment">
                <Link to={`/segments/${s.id}`} aria-label={`${s.name} · ${t(`customerSegments.kind.${s.kind}`)}`}>
                  {s.name}
                </Link>
              </Tag>
            </Tooltip>
          ))}
        </div>
      )}
    </Card>
  );
}
