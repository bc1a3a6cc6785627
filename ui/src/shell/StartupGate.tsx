import { createContext, useContext, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type AppInfo } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';
import { applyLanguage, systemLanguage } from '../i18n';
import { useDataChangedRefresh } from '../ipc/useDataChangedRefresh';

const AppInfoContext = createContext<AppInfo | null>(null);

export function useAppInfo(): AppInfo {
  const info = useContext(AppInfoContext);
  if (!info) throw new Error('useAppInfo outside StartupGate');
  return info;
}

async function loadAppInfo(): Promise<AppInfo> {
  const info = await ipc.appInfo();
  await applyLanguage(info.language ?? systemLanguage());
  return info;
}

/**
 * Nothing of the app shows until the core has opened the database: a database that is not ours
 * or is from a newer version must stop here with the core's message, not half-way in a view.
 */
export function StartupGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const info = useQuery({ queryKey: queryKeys.appInfo, queryFn: loadAppInfo, staleTime: Infinity });
  useDataChangedRefresh();

  if (info.isPending) {
    return (
      <div className="full-page">
        <Spin size="large" description={t('startup.loading')} />
      </div>
    );
  }
  if (info.isError) {
    return (
      <div className="full-page" data-testid="startup-error">
        <Result
          status="error"
          title={t('startup.failedTitle')}
          subTitle={<pre className="startup-message">{errorMessage(info.error)}</pre>}
          extra={
            <>
              <p className="startup-hint">{t('startup.failedHint')}</p>
              <Button type="primary" onClick={() => void info.refetch()}>
                {t('startup.retry')}
              </Button>
            </>
          }
        />
      </div>
    );
  }
  return <AppInfoContext.Provider value={info.data}>{children}</AppInfoContext.Provider>;
}
