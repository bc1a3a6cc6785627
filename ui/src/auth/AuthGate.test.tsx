import { beforeEach, describe, expect, test, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { IpcFailure, ipc } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';
import type { IpcMock } from '../test/ipcMock';
import { ADMIN, SALES_REP } from '../test/fixtures';
import { LocaleProvider } from '../shell/LocaleProvider';
import { applyLanguage } from '../i18n';
import { AuthGate } from './AuthGate';
import { useCurrentUser } from './CurrentUser';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createIpcMock } = await import('../test/ipcMock');
  return { ...actual, ipc: createIpcMock() };
});
const mock = ipc as unknown as IpcMock;

/** Stands in for the app: shows who is signed in and can sign out. */
function SignedIn() {
  const { user, isAdmin, signOut } = useCurrentUser();
  return (
    <div data-testid="signed-in">
      {user.displayName} {isAdmin ? 'admin' : 'not-admin'}
      <button onClick={() => void signOut()}>sign out</button>
    </div>
  );
}

function renderGate() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <LocaleProvider>
        <AuthGate>
          <SignedIn />
        </AuthGate>
      </LocaleProvider>
    </QueryClientProvider>,
  );
  return client;
}

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.authStatus.mockResolvedValue({ needsSetup: false, user: null });
  mock.authStaySignedIn.mockResolvedValue(null);
});

describe('sign-in screen', () => {
  test('shows the core’s refusal, clears the password, then signs in with the corrected one', async () => {
    const user = userEvent.setup();
    mock.authSignIn
      .mockRejectedValueOnce(new IpcFailure('forbidden', 'wrong sign-in name or password'))
      .mockResolvedValueOnce(SALES_REP);
    renderGate();

    await user.type(await screen.findByTestId('sign-in-login'), ' lina ');
    await user.type(screen.getByTestId('sign-in-password'), 'wrong-one');
    await user.click(screen.getByTestId('sign-in-submit'));
    const error = await screen.findByTestId('sign-in-error');
    expect(error).toHaveTextContent('登录失败');
    expect(error).toHaveTextContent('wrong sign-in name or password');
    expect(mock.authSignIn).toHaveBeenCalledWith('lina', 'wrong-one');
    expect(screen.getByTestId('sign-in-password')).toHaveValue('');
    expect(screen.getByTestId('sign-in-login')).toHaveValue(' lina ');

    await user.type(screen.getByTestId('sign-in-password'), 'Right2025!');
    await user.click(screen.getByTestId('sign-in-submit'));
    expect(await screen.findByTestId('signed-in')).toHaveTextContent('李娜 not-admin');
    expect(mock.authSignIn).toHaveBeenLastCalledWith('lina', 'Right2025!');
    expect(mock.authStaySignedIn).not.toHaveBeenCalled();
  });

  test('after repeated failures shows the core telling how long to wait', async () => {
    const user = userEvent.setup();
    mock.authSignIn.mockRejectedValue(new IpcFailure('forbidden', "too many failed sign-ins for 'lina'; try again in 30 s"));
    renderGate();
    await user.type(await screen.findByTestId('sign-in-login'), 'lina');
    await user.type(screen.getByTestId('sign-in-password'), 'whatever1');
    await user.click(screen.getByTestId('sign-in-submit'));
    expect(await screen.findByTestId('sign-in-error')).toHaveTextContent('try again in 30 s');
    expect(screen.queryByTestId('signed-in')).not.toBeInTheDocument();
  });

  test('"stay signed in" refused because of several users still signs in, with a notice', async () => {
    const user = userEvent.setup();
    mock.authSignIn.mockResolvedValue(ADMIN);
    mock.authStaySignedIn.mockRejectedValue(new IpcFailure('conflict', 'staying signed in is only possible while this installation has a single user'));
    renderGate();
    await user.type(await screen.findByTestId('sign-in-login'), 'admin');
    await user.type(screen.getByTestId('sign-in-password'), 'Admin2025!');
    await user.click(screen.getByTestId('sign-in-stay'));
    await user.click(screen.getByTestId('sign-in-submit'));

    expect(await screen.findByTestId('signed-in')).toHaveTextContent('王管理 admin');
    expect(mock.authStaySignedIn).toHaveBeenCalledWith(true);
    expect(await screen.findByText(/“保持登录”只在只有一个用户时可用/)).toBeInTheDocument();
  });

});

describe('signing out', () => {
  test('ends the session, forgets what was loaded and shows the sign-in screen', async () => {
    const user = userEvent.setup();
    mock.authStatus.mockResolvedValue({ needsSetup: false, user: ADMIN });
    mock.authSignOut.mockResolvedValue(null);
    const client = renderGate();
    await screen.findByTestId('signed-in');
    client.setQueryData(queryKeys.appInfo, { version: '0.1.0', dbPath: '/tmp/kehu.db', language: 'zh-CN' });
    client.setQueryData(queryKeys.customerRecord('c-1'), { name: '张伟' });
    client.setQueryData(queryKeys.users, [ADMIN]);

    await user.click(screen.getByRole('button', { name: 'sign out' }));

    expect(await screen.findByTestId('sign-in-form')).toBeInTheDocument();
    expect(mock.authSignOut).toHaveBeenCalled();
    expect(client.getQueryData(queryKeys.customerRecord('c-1'))).toBeUndefined();
    expect(client.getQueryData(queryKeys.users)).toBeUndefined();
    expect(client.getQueryData(queryKeys.appInfo)).toBeDefined();
    expect(window.location.hash).toBe('#/customers');
  });
});

describe('first start', () => {
  test('checks the password confirmation, then creates the company and administrator', async () => {
    const user = userEvent.setup();
    mock.authStatus.mockResolvedValue({ needsSetup: true, user: null });
    mock.authSetup.mockResolvedValue(ADMIN);
    renderGate();

    await user.type(await screen.findByTestId('setup-company'), '华东贸易');
    await user.type(screen.getByTestId('setup-login'), 'admin');
    await user.type(screen.getByTestId('setup-display-name'), '王管理');
    await user.type(screen.getByTestId('setup-password'), 'Admin2025!');
    await user.type(screen.getByTestId('setup-confirm'), 'Admin2025?');
    await user.click(screen.getByTestId('setup-stay'));
    await user.click(screen.getByTestId('setup-submit'));
    expect(await screen.findByText('两次输入的密码不一致')).toBeInTheDocument();
    expect(mock.authSetup).not.toHaveBeenCalled();

    await user.clear(screen.getByTestId('setup-confirm'));
    await user.type(screen.getByTestId('setup-confirm'), 'Admin2025!');
    await user.click(screen.getByTestId('setup-submit'));

    expect(await screen.findByTestId('signed-in')).toHaveTextContent('王管理 admin');
    expect(mock.authSetup).toHaveBeenCalledWith('华东贸易', {
      login: 'admin', displayName: '王管理', role: 'admin', unitId: '', password: 'Admin2025!',
    });
    expect(mock.authStaySignedIn).toHaveBeenCalledWith(true);
  });

  test('a password the core would refuse is caught first', async () => {
    const user = userEvent.setup();
    mock.authStatus.mockResolvedValue({ needsSetup: true, user: null });
    renderGate();
    await user.type(await screen.findByTestId('setup-password'), 'short');
    await user.click(screen.getByTestId('setup-submit'));
    expect(await screen.findByText('密码至少需要 8 个字符')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('请输入公司名称')).toBeInTheDocument());
    expect(mock.authSetup).not.toHaveBeenCalled();
  });
});
