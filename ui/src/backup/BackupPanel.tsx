import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Empty, Input, Popconfirm, Skeleton, Space, Table } from 'antd';
import { CloudDownloadOutlined, FileSearchOutlined, ReloadOutlined, RollbackOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage, type BackupInfo } from '../ipc/client';
import { formatDateTime } from '../customers/display';
import { useBackups, useCheckBackup, useCreateBackup, useRestartApp, useRestoreBackup } from './queries';
import './backup.css';

/** Asks before a restore: it replaces every record once the app restarts. */
function ConfirmRestore({ onConfirm, children }: { onConfirm: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Popconfirm
      title={t('backup.restoreConfirm')}
      description={t('backup.restoreHint')}
      okText={t('backup.restore')}
      okButtonProps={{ danger: true, 'data-testid': 'backup-restore-confirm' }}
      cancelText={t('common.cancel')}
      onConfirm={onConfirm}
    >
      {children}
    </Popconfirm>
  );
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

/**
 * Backups (administrators): take one now, the backups in the backup folder with a restore each,
 * and a restore from any other file after checking it. The core checks every file before it
 * stages it; the app restarts to swap it in.
 */
export function BackupPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const backups = useBackups();
  const create = useCreateBackup();
  const restore = useRestoreBackup();
  const check = useCheckBackup();
  const restart = useRestartApp();
  const [otherPath, setOtherPath] = useState('');

  if (backups.isPending) return <Skeleton active />;
  if (backups.isError) {
    return <Alert type="error" showIcon title={t('backup.loadFailed')} description={errorMessage(backups.error)} />;
  }
  const { folder, restorePending } = backups.data;
  const pending = restorePending || restore.isSuccess;

  const takeBackup = () =>
    create.mutate(undefined, { onSuccess: (b) => void message.success(t('backup.created', { path: b.path })) });

  const columns = [
    { key: 'takenAt', title: t('backup.takenAt'), render: (_: unknown, b: BackupInfo) => formatDateTime(b.takenAt) || t('backup.unknown') },
    { key: 'takenBy', title: t('backup.takenBy'), render: (_: unknown, b: BackupInfo) => b.takenBy ?? t('backup.unknown') },
    { key: 'customers', title: t('backup.customers'), align: 'right' as const, render: (_: unknown, b: BackupInfo) => b.customers.toLocaleString() },
    { key: 'size', title: t('backup.size'), align: 'right' as const, render: (_: unknown, b: BackupInfo) => megabytes(b.bytes) },
    { key: 'file', title: t('backup.file'), render: (_: unknown, b: BackupInfo) => <span className="backup-path">{b.path.split(/[\\/]/).pop()}</span> },
    {
      key: 'restore',
      title: '',
      render: (_: unknown, b: BackupInfo) => (
        <ConfirmRestore onConfirm={() => restore.mutate(b.path)}>
          <Button size="small" icon={<RollbackOutlined />} data-testid="backup-restore">
            {t('backup.restore')}
          </Button>
        </ConfirmRestore>
      ),
    },
  ];

  return (
    <div className="backup-panel" data-testid="backup-panel">
      <p className="muted">{t('backup.intro')}</p>
      {pending && (
        <Alert
          type="warning"
          showIcon
          data-testid="backup-pending"
          title={t('backup.pending')}
          action={
            <Button type="primary" icon={<ReloadOutlined />} loading={restart.isPending} onClick={() => restart.mutate()} data-testid="backup-restart">
              {t('backup.restartNow')}
            </Button>
          }
        />
      )}
      {restore.isError && (
        <Alert type="error" showIcon title={t('backup.restoreFailed')} description={errorMessage(restore.error)} data-testid="backup-restore-error" />
      )}
      {create.isError && (
        <Alert type="error" showIcon title={t('backup.createFailed')} description={errorMessage(create.error)} data-testid="backup-create-error" />
      )}
      <div className="backup-toolbar">
        <Button type="primary" icon={<CloudDownloadOutlined />} loading={create.isPending} onClick={takeBackup} data-testid="backup-create">
          {t('backup.create')}
        </Button>
        <span className="muted backup-folder" data-testid="backup-folder">
          {t('backup.folder', { folder })}
        </span>
      </div>
      <Table<BackupInfo>
        rowKey="path"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={backups.data.backups}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('backup.empty')} /> }}
        data-testid="backup-list"
      />
      <h3 className="backup-other-title">{t('backup.otherFile')}</h3>
      <Space.Compact className="backup-other">
        <Input
          value={otherPath}
          onChange={(e) => {
            setOtherPath(e.target.value);
            check.reset();
          }}
          placeholder={t('backup.otherFilePlaceholder')}
          data-testid="backup-other-path"
        />
        <Button icon={<FileSearchOutlined />} disabled={!otherPath.trim()} loading={check.isPending} onClick={() => check.mutate(otherPath)} data-testid="backup-check">
          {t('backup.check')}
        </Button>
      </Space.Compact>
      {check.isError && <Alert type="error" showIcon title={errorMessage(check.error)} data-testid="backup-check-error" />}
      {check.isSuccess && (
        <Alert
          type="success"
          showIcon
          data-testid="backup-check-ok"
          title={t('backup.checked', { customers: check.data.customers.toLocaleString(), takenAt: formatDateTime(check.data.takenAt) || t('backup.unknown') })}
          action={
            <ConfirmRestore onConfirm={() => restore.mutate(check.data.path)}>
              <Button size="small" danger icon={<RollbackOutlined />} data-testid="backup-restore-other">
                {t('backup.restore')}
              </Button>
            </ConfirmRestore>
          }
        />
      )}
    </div>
  );
}
