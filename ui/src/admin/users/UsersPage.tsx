import { useState, type HTMLAttributes } from 'react';
import { Alert, App, Badge, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, KeyOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type User } from '../../ipc/client';
import { useCurrentUser } from '../../auth/CurrentUser';
import { RoleTag } from '../../auth/RoleTag';
import { useRefreshAdminData, useRefreshCurrentUser, useUsers } from '../queries';
import { UserFormModal } from './UserFormModal';
import { ResetPasswordModal } from './ResetPasswordModal';

/** The accounts of the installation: who may sign in, with which role, in which unit. */
export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user: me } = useCurrentUser();
  const users = useUsers();
  const refresh = useRefreshAdminData();
  const refreshMe = useRefreshCurrentUser();
  // undefined: no form; null: a new user; a user: editing them.
  const [editing, setEditing] = useState<User | null | undefined>(undefined);
  const [resetting, setResetting] = useState<User | null>(null);
  const setActive = useMutation({
    mutationFn: ({ user, active }: { user: User; active: boolean }) => ipc.userSetActive(user.id, active),
    onSuccess: (u) => {
      void message.success(t(u.active ? 'users.activated' : 'users.deactivated', { name: u.displayName }));
      void refresh();
    },
    // E.g. deactivating oneself or the last administrator: the core says why.
    onError: (e) => void message.error(t('common.failed', { message: errorMessage(e) })),
  });

  const onSaved = () => {
    void refresh();
    void refreshMe();
  };

  return (
    <div className="page admin-page">
      <div className="page-toolbar">
        <h1 className="page-title">{t('users.title')}</h1>
        <div className="toolbar-spacer" />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="add-user">
          {t('users.add')}
        </Button>
      </div>
      <Typography.Text type="secondary">{t('users.hint')}</Typography.Text>
      {users.isError && <Alert type="error" showIcon title={errorMessage(users.error)} />}
      <div className="admin-panel">
        <Table<User>
          size="middle"
          rowKey="id"
          loading={users.isPending}
          dataSource={users.data ?? []}
          pagination={false}
          locale={{ emptyText: t('users.empty') }}
          rowClassName={(u) => (u.active ? '' : 'row-inactive')}
          onRow={() => ({ 'data-testid': 'user-row' }) as HTMLAttributes<HTMLTableRowElement>}
          columns={[
            {
              key: 'login',
              title: t('users.login'),
              width: 180,
              render: (_, u) => (
                <Space size={6}>
                  <Typography.Text code>{u.login}</Typography.Text>
                  {u.id === me.id && <Tag color="blue">{t('users.you')}</Tag>}
                </Space>
              ),
            },
            { key: 'name', title: t('users.displayName'), dataIndex: 'displayName', width: 150 },
            { key: 'role', title: t('users.role'), width: 110, render: (_, u) => <RoleTag role={u.role} /> },
            { key: 'unit', title: t('users.unit'), dataIndex: 'unitName', ellipsis: true },
            {
              key: 'status',
              title: t('users.status'),
              width: 110,
              render: (_, u) =>
                u.active ? <Badge status="success" text={t('users.active')} /> : <Badge status="default" text={t('users.inactive')} />,
            },
            {
              key: 'actions',
              title: t('common.actions'),
              width: 280,
              render: (_, u) => (
                <Space size={4}>
                  <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(u)} data-testid="edit-user">
                    {t('common.edit')}
                  </Button>
                  <Button size="small" icon={<KeyOutlined />} onClick={() => setResetting(u)} data-testid="reset-password">
                    {t('users.resetPassword')}
                  </Button>
                  <Popconfirm
                    title={t(u.active ? 'users.deactivateConfirm' : 'users.activateConfirm', { name: u.displayName })}
                    description={u.active ? t('users.deactivateHint') : undefined}
                    okText={u.active ? t('users.deactivate') : t('users.activate')}
                    okButtonProps={{ danger: u.active }}
                    cancelText={t('common.cancel')}
                    onConfirm={() => setActive.mutate({ user: u, active: !u.active })}
                  >
                    <Button
                      size="small"
                      danger={u.active}
                      icon={u.active ? <StopOutlined /> : <CheckCircleOutlined />}
                      data-testid={u.active ? 'deactivate-user' : 'activate-user'}
                    >
                      {u.active ? t('users.deactivate') : t('users.activate')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </div>
      {editing !== undefined && <UserFormModal user={editing} onSaved={onSaved} onClose={() => setEditing(undefined)} />}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
    </div>
  );
}
