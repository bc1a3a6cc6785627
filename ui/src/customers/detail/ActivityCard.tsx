import { useState } from 'react';
import { Button, Card, Empty, Skeleton, Tag, Timeline } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type Activity } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { formatDateTime } from '../display';
import { ActivityForm } from './ActivityForm';
import { ACTIVITY_COLORS, ACTIVITY_ICONS } from './activityKinds';

const PAGE = 20;

function ActivityContent({ activity: a }: { activity: Activity }) {
  const { t } = useTranslation();
  return (
    <div className="activity" data-testid="timeline-item">
      <div className="activity-head">
        <Tag color={ACTIVITY_COLORS[a.kind]} variant="outlined" className="activity-kind">
          {t(`activityKind.${a.kind}`)}
        </Tag>
        <span className="activity-subject">{a.subject}</span>
      </div>
      <div className="activity-meta">
        {formatDateTime(a.occurredAt)} · {a.author}
      </div>
      {a.body && <div className="activity-body pre-wrap">{a.body}</div>}
    </div>
  );
}

/** The customer's timeline, newest first, with a form to log what just happened. */
export function ActivityCard({ customerId, readOnly }: { customerId: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const pages = useInfiniteQuery({
    queryKey: queryKeys.activities(customerId),
    queryFn: ({ pageParam }) => ipc.activityList(customerId, pageParam, PAGE),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Card
      size="small"
      className="section-card"
      title={t('activity.title')}
      data-testid="activity-card"
      extra={
        !readOnly && (
          <Button
            type={adding ? 'default' : 'primary'}
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setAdding(!adding)}
            data-testid="add-activity"
          >
            {t('activity.add')}
          </Button>
        )
      }
    >
      {adding && (
        <ActivityForm
          customerId={customerId}
          onDone={() => setAdding(false)}
        />
      )}
      {pages.isPending && <Skeleton active />}
      {pages.isError && <div className="error-text">{errorMessage(pages.error)}</div>}
      {pages.isSuccess && items.length === 0 && !adding && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activity.empty')} />
      )}
      {items.length > 0 && (
        <Timeline
          className="activity-timeline"
          items={items.map((a) => ({
            key: a.id,
            icon: <span className="timeline-icon" style={{ color: ACTIVITY_COLORS[a.kind] }}>{ACTIVITY_ICONS[a.kind]}</span>,
            content: <ActivityContent activity={a} />,
          }))}
        />
      )}
      {pages.hasNextPage && (
        <div className="load-more">
          <Button
            size="small"
            loading={pages.isFetchingNextPage}
            onClick={() => void pages.fetchNextPage()}
          >
            {t('common.loadMore')}
          </Button>
        </div>
      )}
    </Card>
  );
}
