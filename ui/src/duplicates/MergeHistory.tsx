import { Alert, App, Button, Empty, Popconfirm, Skeleton, Table, Tag } from 'antd';
import { RollbackOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, type MergeEntry } from '../ipc/client';
import { formatDateTime } from '../customers/display';
import { useMergeHistory, useUndoMerge } from './queries';

const names = (e: MergeEntry) => e.merged.map((m) => m.name).join('、');

/** The merges, newest first, each undoable once (the core decides whether it still may be). */
export function MergeHistory() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const history = useMergeHistory();
  const undo = useUndoMerge();

  if (history.isPending) return <Skeleton active />;
  if (history.isError) {
    return <Alert type="error" showIcon title={t('duplicates.historyFailed')} description={errorMessage(history.error)} />;
  }
  const runUndo = (e: MergeEntry) =>
    undo.mutate(e.id, {
      onSuccess: (done) => void message.success(t('duplicates.undoneOk', { names: names(done) })),
      onError: (error) => void message.error(`${t('duplicates.undoFailed')}: ${errorMessage(error)}`),
    });
  return (
    <Table<MergeEntry>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={history.data}
      data-testid="merge-history"
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duplicates.historyEmpty')} /> }}
      columns={[
        { key: 'at', title: t('duplicates.mergedAt'), render: (_, e) => formatDateTime(e.mergedAt) },
        {
          key: 'kept',
          title: t('duplicates.kept'),
          render: (_, e) => <Link to={`/customers/${e.survivorId}`}>{e.survivorName}</Link>,
        },
        { key: 'merged', title: t('duplicates.mergedNames'), render: (_, e) => names(e) },
        { key: 'moved', title: t('duplicates.movedRecords'), align: 'right', render: (_, e) => e.movedRecords.toLocaleString() },
        { key: 'by', title: t('duplicates.mergedBy'), render: (_, e) => e.mergedBy },
        {
          key: 'state',
          title: t('duplicates.state'),
          render: (_, e) =>
            e.undoneAt ? (
              <Tag data-testid={`merge-undone-${e.id}`}>{t('duplicates.undone', { at: formatDateTime(e.undoneAt) })}</Tag>
            ) : (
              <Tag color="green">{t('duplicates.active')}</Tag>
            ),
        },
        {
          key: 'undo',
          title: '',
          render: (_, e) =>
            e.undoneAt ? null : (
              <Popconfirm
                title={t('duplicates.undoConfirm')}
                description={t('duplicates.undoHint')}
                okText={t('duplicates.undo')}
                okButtonProps={{ danger: true, 'data-testid': 'merge-undo-confirm' }}
                cancelText={t('common.cancel')}
                onConfirm={() => runUndo(e)}
              >
                <Button
                  size="small"
                  icon={<RollbackOutlined />}
                  loading={undo.isPending && undo.variables === e.id}
                  data-testid={`merge-undo-${e.id}`}
                >
                  {t('duplicates.undo')}
                </Button>
              </Popconfirm>
            ),
        },
      ]}
    />
  );
}
