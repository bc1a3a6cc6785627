import { useState } from 'react';
import { Avatar, Dropdown } from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/CurrentUser';
import { RoleTag } from '../auth/RoleTag';
import { ChangePasswordModal } from '../auth/ChangePasswordModal';

/** Who is signed in, with their role; the menu changes the password or signs out. */
export function UserMenu() {
  const { t } = useTranslation();
  const { user, signOut } = useCurrentUser();
  const [changingPassword, setChangingPassword] = useState(false);

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'password', icon: <KeyOutlined />, label: <span data-testid="menu-change-password">{t('auth.changePassword')}</span> },
            { type: 'divider' },
            { key: 'signOut', icon: <LogoutOutlined />, danger: true, label: <span data-testid="menu-sign-out">{t('auth.signOut')}</span> },
          ],
          onClick: ({ key }) => {
            if (key === 'password') setChangingPassword(true);
            if (key === 'signOut') void signOut();
          },
        }}
      >
        <span className="user-menu-trigger" data-testid="user-menu" title={t('app.user', { user: user.login })}>
          <Avatar size="small" className="user-avatar">
            {user.displayName.slice(0, 1)}
          </Avatar>
          <span data-testid="current-user-name">{user.displayName}</span>
          <RoleTag role={user.role} />
          <DownOutlined className="muted" />
        </span>
      </Dropdown>
      {changingPassword && <ChangePasswordModal onClose={() => setChangingPassword(false)} />}
    </>
  );
}
