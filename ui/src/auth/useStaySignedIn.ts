import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, isFailure } from '../ipc/client';

/**
 * Asks the core to remember the user who just signed in. It refuses while the installation has
 * more than one active user; that must not stop the sign-in, so it only earns a notice.
 */
export function useStaySignedIn(): () => Promise<void> {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return async () => {
    try {
      await ipc.authStaySignedIn(true);
    } catch (e) {
      // The core answers "more than one user" with conflict (older cores: invalid_input).
      if (isFailure(e, 'conflict') || isFailure(e, 'invalid_input')) {
        void message.warning(t('auth.staySignedInOnlyOneUser'), 6);
      } else {
        void message.warning(t('auth.staySignedInFailed', { message: errorMessage(e) }), 6);
      }
    }
  };
}
