import { useCallback, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type AuthStatus, type User } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';
import { CurrentUserContext, type CurrentUser } from './CurrentUser';
import { FirstStartForm } from './FirstStartForm';
import { SignInScreen } from './SignInScreen';

/** What survives a sign-out: the database facts and the gate's own state. */
const KEPT_ON_SIGN_OUT = new Set<unknown>([queryKeys.appInfo[0], queryKeys.authStatus[0]]);

/**
 * Between the opened database and the app: the first-start form on an installation without
 * accounts, the sign-in screen when nobody is signed in, otherwise the app as that user. Every
 * command but these refuses until someone is signed in.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const status = useQuery({ queryKey: queryKeys.authStatus, queryFn: () => ipc.authStatus(), staleTime: Infinity });

  const enter = useCallback(
    (user: User) => client.setQueryData<AuthStatus>(queryKeys.authStatus, { needsSetup: false, user }),
    [client],
  );
  const signOut = useCallback(async () => {
    try {
      await ipc.authSignOut();
    } catch (e) {
      void message.error(t('auth.signOutFailed', { message: errorMessage(e) }));
      return;
    }
    client.setQueryData<AuthStatus>(queryKeys.authStatus, { needsSetup: false, user: null });
    // Nothing the previous user could see may show to the next one.
    client.removeQueries({ predicate: (q) => !KEPT_ON_SIGN_OUT.has(q.queryKey[0]) });
    // The next session starts at the customer list, not on a page the next user may not open.
    // replaceState does not notify the router, which is about to unmount anyway.
    window.history.replaceState(window.history.state, '', '#/customers');
  }, [client, message, t]);

  const user = status.data?.user ?? null;
  const current = useMemo<CurrentUser | null>(
    () => (user ? { user, isAdmin: user.role === 'admin', signOut } : null),
    [user, signOut],
  );

  if (status.isPending) {
    return (
      <div className="full-page">
        <Spin size="large" description={t('auth.checking')} />
      </div>
    );
  }
  if (status.isError) {
    return (
      <div className="full-page" data-testid="auth-status-error">
        <Result
          status="error"
          title={t('auth.statusFailed')}
          subTitle={errorMessage(status.error)}
          extra={
            <Button type="primary" onClick={() => void status.refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      </div>
    );
  }
  if (status.data.needsSetup) return <FirstStartForm onSignedIn={enter} />;
  if (!current) return <SignInScreen onSignedIn={enter} />;
  // Keyed by user, so nothing held in component state crosses from one user to the next.
  return (
    <CurrentUserContext.Provider key={current.user.id} value={current}>
      {children}
    </CurrentUserContext.Provider>
  );
}
