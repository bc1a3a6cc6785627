import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../ipc/client';

export const ROLES: Role[] = ['admin', 'manager', 'sales', 'service'];

const ROLE_COLORS: Record<Role, string> = { admin: 'red', manager: 'purple', sales: 'blue', service: 'cyan' };

export function RoleTag({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <Tag color={ROLE_COLORS[role]} variant="outlined" data-testid="role-tag">
      {t(`role.${role}`)}
    </Tag>
  );
}
