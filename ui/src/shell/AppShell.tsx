import { useCallback, useEffect, useState } from 'react';
import { Layout, Menu, Typography } from 'antd';
import { SettingOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAppInfo } from './StartupGate';
import { LanguageSwitch } from './LanguageSwitch';
import { GlobalSearchBox } from '../search/GlobalSearchBox';
import { SearchPalette } from '../search/SearchPalette';

/** Ctrl+K / Cmd+K opens search from anywhere, also from inside a text field. */
function useSearchShortcut(open: () => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        open();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
}

export function AppShell() {
  const { t } = useTranslation();
  const info = useAppInfo();
  const location = useLocation();
  const [searchOpen, setSearchOpen] = useState(false);
  const openSearch = useCallback(() => setSearchOpen(true), []);
  useSearchShortcut(openSearch);

  const section = location.pathname.startsWith('/settings') ? 'settings' : 'customers';
  return (
    <Layout className="app-layout">
      <Layout.Sider width={184} className="app-sider">
        <div className="app-brand">
          <span className="app-brand-mark">客</span>
          <span className="app-brand-name">{t('app.name')}</span>
        </div>
        <Menu
          mode="inline"
          selectedKeys={[section]}
          items={[
            {
              key: 'customers',
              icon: <TeamOutlined />,
              label: (
                <Link to="/customers" data-testid="nav-customers">
                  {t('app.nav.customers')}
                </Link>
              ),
            },
            {
              key: 'settings',
              icon: <SettingOutlined />,
              label: (
                <Link to="/settings" data-testid="nav-settings">
                  {t('app.nav.settings')}
                </Link>
              ),
            },
          ]}
        />
        <div className="app-version">v{info.version}</div>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <GlobalSearchBox onOpen={openSearch} />
          <div className="app-header-right">
            <Typography.Text type="secondary" className="app-user" title={info.dbPath}>
              <UserOutlined /> {info.user}
            </Typography.Text>
            <LanguageSwitch />
          </div>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Outlet />
        </Layout.Content>
      </Layout>
      <SearchPalette open={searchOpen} onClose={() => setSearchOpen(false)} />
    </Layout>
  );
}
