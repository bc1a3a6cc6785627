import { useState } from 'react';
import { Button, Card, Empty, Skeleton } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { ActivityForm } from './ActivityForm';
import { ActivityTimeline } from './ActivityTimeline';

const PAGE = 20;

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
        <ActivityTimeline activities={items} itemTestId="timeline-item" />
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
