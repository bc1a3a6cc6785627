import { Button, Card, Empty, Skeleton, Tag } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type ChangeOp, type HistoryEntry, type Language } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { useFields, useTagList } from '../../classification/queries';
import { formatDateTime } from '../display';
import { historyFieldName, historySubject, historyValue, type HistoryContext } from './historyFormat';
import { FieldChangeList } from './FieldChangeList';

const PAGE = 30;
const OP_COLORS: Record<ChangeOp, string> = { create: 'green', update: 'blue', delete: 'red', restore: 'gold' };

function HistoryItem({ entry, ctx }: { entry: HistoryEntry; ctx: HistoryContext }) {
  const { t } = ctx;
  return (
    <div className="history-item" data-testid="history-item">
      <div className="history-head">
        <Tag color={OP_COLORS[entry.op]} variant="outlined">
          {t(`history.op.${entry.op}`)}
        </Tag>
        <span className="history-subject">{historySubject(ctx, entry)}</span>
        <span className="history-meta">
          {entry.actor} · {formatDateTime(entry.at)}
        </span>
      </div>
      <FieldChangeList
        changes={entry.changes}
        fieldName={(field) => historyFieldName(ctx, field)}
        value={(field, value) => historyValue(ctx, entry.entity, field, value)}
      />
    </div>
  );
}

/** Who changed what and when, on the customer and on its contacts and activities. */
export function HistoryCard({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const fields = useFields().data ?? [];
  const tags = useTagList();
  const ctx: HistoryContext = { t, language, fields, tags };
  const pages = useInfiniteQuery({
    queryKey: queryKeys.history(customerId),
    queryFn: ({ pageParam }) => ipc.customerHistory(customerId, pageParam, PAGE),
    initialPageParam: null as number | null,
    // A full page may have more behind it; the next one starts below its oldest entry.
    getNextPageParam: (last) => (last.length === PAGE ? last[last.length - 1].seq : null),
  });
  const entries = pages.data?.pages.flat() ?? [];

  return (
    <Card size="small" className="section-card" title={t('history.title')} data-testid="history-card">
      {pages.isPending && <Skeleton active />}
      {pages.isError && <div className="error-text">{errorMessage(pages.error)}</div>}
      {pages.isSuccess && entries.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.empty')} />
      )}
      {entries.map((e) => (
        <HistoryItem key={e.seq} entry={e} ctx={ctx} />
      ))}
      {pages.hasNextPage && (
        <div className="load-more">
          <Button size="small" loading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
            {t('common.loadMore')}
          </Button>
        </div>
      )}
    </Card>
  );
}
