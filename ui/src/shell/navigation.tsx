// The side menu: everyone's entries, then the administrator's section for admins only (the
// routes are guarded too, and the core refuses the commands behind them to anyone else).
import type { ReactNode } from 'react';
import type { MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  CrownOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  PhoneOutlined,
  ThunderboltOutlined,
  FunnelPlotOutlined,
  ProjectOutlined,
  SendOutlined,
  EnvironmentOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/CurrentUser';

type MenuItems = NonNullable<MenuProps['items']>;

interface Entry {
  key: string;
  path: string;
  icon: ReactNode;
  label: string;
}

function entry({ key, path, icon, label }: Entry): MenuItems[number] {
  return {
    key,
    icon,
    label: (
      <Link to={path} data-testid={`nav-${key}`}>
        {label}
      </Link>
    ),
  };
}

const ADMIN_PATHS = {
  users: '/admin/users',
  org: '/admin/org',
  territories: '/admin/territories',
  audit: '/admin/audit',
} as const;

/** The menu entries and which one the current path belongs to. */
export function useNavigationItems(pathname: string): { items: MenuItems; selectedKey: string } {
  const { t } = useTranslation();
  const { isAdmin } = useCurrentUser();
  const items: MenuItems = [
    entry({ key: 'customers', path: '/customers', icon: <TeamOutlined />, label: t('app.nav.customers') }),
    entry({ key: 'segments', path: '/segments', icon: <ClusterOutlined />, label: t('segments.nav') }),
    entry({ key: 'rfm', path: '/rfm', icon: <CrownOutlined />, label: t('rfm.nav') }),
    entry({ key: 'campaigns', path: '/campaigns', icon: <SendOutlined />, label: t('campaigns.nav') }),
    entry({ key: 'leads', path: '/leads', icon: <FunnelPlotOutlined />, label: t('app.nav.leads') }),
    entry({ key: 'opportunities', path: '/opportunities', icon: <ProjectOutlined />, label: t('app.nav.opportunities') }),
    entry({ key: 'funnel', path: '/funnel', icon: <BarChartOutlined />, label: t('app.nav.funnel') }),
    entry({ key: 'desk', path: '/desk', icon: <PhoneOutlined />, label: t('app.nav.desk') }),
    entry({ key: 'tickets', path: '/tickets', icon: <CustomerServiceOutlined />, label: t('app.nav.tickets') }),
    entry({ key: 'sla', path: '/sla', icon: <DashboardOutlined />, label: t('app.nav.sla') }),
    entry({ key: 'tasks', path: '/tasks', icon: <CheckSquareOutlined />, label: t('app.nav.tasks') }),
    entry({ key: 'rules', path: '/rules', icon: <ThunderboltOutlined />, label: t('app.nav.rules') }),
    entry({ key: 'settings', path: '/settings', icon: <SettingOutlined />, label: t('app.nav.settings') }),
  ];
  if (isAdmin) {
    items.push({
      key: 'admin',
      type: 'group',
      label: t('admin.section'),
      children: [
        entry({ key: 'users', path: ADMIN_PATHS.users, icon: <UserOutlined />, label: t('app.nav.users') }),
        entry({ key: 'org', path: ADMIN_PATHS.org, icon: <ApartmentOutlined />, label: t('app.nav.org') }),
        entry({ key: 'territories', path: ADMIN_PATHS.territories, icon: <EnvironmentOutlined />, label: t('app.nav.territories') }),
        entry({ key: 'audit', path: ADMIN_PATHS.audit, icon: <AuditOutlined />, label: t('app.nav.audit') }),
      ],
    });
  }
  const admin = Object.entries(ADMIN_PATHS).find(([, path]) => pathname.startsWith(path));
  const section = ['segments', 'rfm', 'campaigns', 'leads', 'opportunities', 'funnel', 'desk', 'tickets', 'sla', 'tasks', 'rules', 'settings'].find((key) => pathname.startsWith(`/${key}`));
  const selectedKey = admin ? admin[0] : (section ?? 'customers');
  return { items, selectedKey };
}
