import { Alert, App, Button, Empty, Popconfirm, Skeleton, Table, Tag } from 'antd';
import { RollbackOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage, type ImportBatch } from '../ipc/client';
import { formatDateTime } from '../customers/display';
import { useImportHistory, useRevertImport } from './queries';
import { isImportMode } from './ImportModeFields';
import { recordKindOf, type RecordKind } from './recordImports';

/**
 * A batch of contacts, leads or orders only ever adds them: it has no mode, and a revert removes
 * what it added; what the revert warns of and then says, per kind.
 */
const RECORD_REVERTS = {
  contacts: { hint: 'imports.revertContactsHint', done: 'imports.revertedContactsOk' },
  leads: { hint: 'imports.revertLeadsHint', done: 'imports.revertedLeadsOk' },
  orders: { hint: 'imports.revertOrdersHint', done: 'imports.revertedOrdersOk' },
} as const satisfies Record<RecordKind, { hint: string; done: string }>;

function revertHint(b: ImportBatch) {
  const kind = recordKindOf(b.entity);
  return kind ? RECORD_REVERTS[kind].hint : 'imports.revertHint';
}

/** The applied imports, newest first, each revertible once (the core decides whether it may be). */
export function ImportHistory() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const history = useImportHistory();
  const revert = useRevertImport();

  if (history.isPending) return <Skeleton active />;
  if (history.isError) {
    return <Alert type="error" showIcon title={t('imports.historyFailed')} description={errorMessage(history.error)} />;
  }
  const undo = (b: ImportBatch) =>
    revert.mutate(b.id, {
      onSuccess: (done) => {
        const kind = recordKindOf(done.entity);
        const said = kind ? RECORD_REVERTS[kind].done : done.updated > 0 ? 'imports.revertedUpdatedOk' : 'imports.revertedOk';
        void message.success(t(said, { count: done.created, updated: done.updated }));
      },
      onError: (e) => void message.error(`${t('imports.revertFailed')}: ${errorMessage(e)}`),
    });
  return (
    <Table<ImportBatch>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={history.data}
      data-testid="import-history"
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('imports.historyEmpty')} /> }}
      columns={[
        { key: 'at', title: t('imports.importedAt'), render: (_, b) => formatDateTime(b.importedAt) },
        { key: 'by', title: t('imports.importedBy'), render: (_, b) => b.importedBy },
        {
          key: 'file',
          title: t('imports.file'),
          render: (_, b) => {
            const kind = recordKindOf(b.entity);
            return (
              <>
                {b.fileName ?? '—'}
                {kind ? (
                  <Tag className="import-mode-tag" data-testid="import-batch-kind">
                    {t(`imports.kinds.${kind}`)}
                  </Tag>
                ) : (
                  <Tag className="import-mode-tag" data-testid="import-batch-mode">
                    {isImportMode(b.mode) ? t(`imports.modes.${b.mode}`) : b.mode}
                  </Tag>
                )}
              </>
            );
          },
        },
        { key: 'created', title: t('imports.created'), align: 'right', render: (_, b) => b.created.toLocaleString() },
        { key: 'updated', title: t('imports.updated'), align: 'right', render: (_, b) => b.updated.toLocaleString() },
        { key: 'rejected', title: t('imports.rejected'), align: 'right', render: (_, b) => b.rejected.toLocaleString() },
        {
          key: 'state',
          title: t('imports.state'),
          render: (_, b) =>
            b.revertedAt ? (
              <Tag data-testid="import-batch-reverted">{t('imports.reverted', { at: formatDateTime(b.revertedAt) })}</Tag>
            ) : (
              <Tag color="green">{t('imports.active')}</Tag>
            ),
        },
        {
          key: 'revert',
          title: '',
          render: (_, b) =>
            b.revertedAt ? null : (
              <Popconfirm
                title={t('imports.revertConfirm')}
                description={t(revertHint(b))}
                okText={t('imports.revert')}
                okButtonProps={{ danger: true, 'data-testid': 'import-revert-confirm' }}
                cancelText={t('common.cancel')}
                onConfirm={() => undo(b)}
              >
                <Button size="small" icon={<RollbackOutlined />} loading={revert.isPending && revert.variables === b.id} data-testid="import-revert">
                  {t('imports.revert')}
                </Button>
              </Popconfirm>
            ),
        },
      ]}
    />
  );
}
