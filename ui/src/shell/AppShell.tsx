import { useCallback, useEffect, useState } from 'react';
import { Layout, Menu } from 'antd';
import { Outlet, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAppInfo } from './StartupGate';
import { LanguageSwitch } from './LanguageSwitch';
import { UserMenu } from './UserMenu';
import { useNavigationItems } from './navigation';
import { GlobalSearchBox } from '../search/GlobalSearchBox';
import { SearchPalette } from '../search/SearchPalette';
import { NotificationBell } from '../workflow/NotificationBell';

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
  const { items, selectedKey } = useNavigationItems(location.pathname);

  return (
    <Layout className="app-layout">
      <Layout.Sider width={184} className="app-sider">
        <div className="app-brand">
          <span className="app-brand-mark">客</span>
          <span className="app-brand-name">{t('app.name')}</span>
        </div>
        <Menu mode="inline" selectedKeys={[selectedKey]} items={items} />
        <div className="app-version" title={info.dbPath}>
          v{info.version}
        </div>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <GlobalSearchBox onOpen={openSearch} />
          <div className="app-header-right">
            <NotificationBell />
            <UserMenu />
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
