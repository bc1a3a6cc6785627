import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc } from '../../ipc/client';
import type { IpcMock } from '../../test/ipcMock';
import { ADMIN, ORG_UNITS, SALES_REP, user as makeUser } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { applyLanguage } from '../../i18n';
import { chooseOption, popconfirmButton } from '../../test/antdControls';
import { UsersPage } from './UsersPage';

vi.mock('../../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../ipc/client')>();
  const { createIpcMock } = await import('../../test/ipcMock');
  return { ...actual, ipc: createIpcMock() };
});
const mock = ipc as unknown as IpcMock;

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.userList.mockResolvedValue([ADMIN, SALES_REP]);
  mock.orgList.mockResolvedValue(ORG_UNITS);
  mock.authStatus.mockResolvedValue({ needsSetup: false, user: ADMIN });
});

describe('UsersPage', () => {
  test('lists the users with role, unit and status', async () => {
    renderWithProviders(<UsersPage />);
    const rows = await screen.findAllByTestId('user-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('admin');
    expect(rows[0]).toHaveTextContent('我');
    expect(rows[0]).toHaveTextContent('管理员');
    expect(rows[1]).toHaveTextContent('李娜');
    expect(rows[1]).toHaveTextContent('销售');
    expect(rows[1]).toHaveTextContent('销售一部');
    expect(rows[1]).toHaveTextContent('启用');
  });

  test('adds a user with a role, a unit and an initial password', async () => {
    const user = userEvent.setup();
    const added = makeUser({ id: 'u-new', login: 'zhaolei', displayName: '赵磊', role: 'manager', unitId: 'o-sales', unitName: '销售部' });
    mock.userAdd.mockResolvedValue(added);
    renderWithProviders(<UsersPage />);
    await screen.findAllByTestId('user-row');

    await user.click(screen.getByTestId('add-user'));
    const form = await screen.findByTestId('user-form');
    await user.type(screen.getByTestId('user-login'), 'zhaolei');
    await user.type(screen.getByTestId('user-display-name'), '赵磊');
    await chooseOption(user, screen.getByTestId('user-role'), '经理');
    await chooseOption(user, screen.getByTestId('user-unit'), '销售部');
    await user.type(screen.getByTestId('user-password'), 'short');
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await within(form).findByText('密码至少需要 8 个字符')).toBeInTheDocument();
    expect(mock.userAdd).not.toHaveBeenCalled();

    await user.clear(screen.getByTestId('user-password'));
    await user.type(screen.getByTestId('user-password'), 'Start2025!');
    mock.userList.mockResolvedValue([ADMIN, SALES_REP, added]);
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));

    await waitFor(() =>
      expect(mock.userAdd).toHaveBeenCalledWith({
        login: 'zhaolei', displayName: '赵磊', role: 'manager', unitId: 'o-sales', password: 'Start2025!',
      }),
    );
    await waitFor(() => expect(screen.getAllByTestId('user-row')).toHaveLength(3));
    expect(screen.queryByTestId('user-form')).not.toBeInTheDocument();
  });

  test('shows the core refusing a name that is taken, and keeps the form open', async () => {
    const user = userEvent.setup();
    mock.userAdd.mockRejectedValue(new IpcFailure('conflict', "the sign-in name 'lina' is taken"));
    renderWithProviders(<UsersPage />);
    await screen.findAllByTestId('user-row');
    await user.click(screen.getByTestId('add-user'));
    await user.type(await screen.findByTestId('user-login'), 'lina');
    await user.type(screen.getByTestId('user-display-name'), '李娜');
    await chooseOption(user, screen.getByTestId('user-unit'), '客服部');
    await user.type(screen.getByTestId('user-password'), 'Start2025!');
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByTestId('user-form-error')).toHaveTextContent("the sign-in name 'lina' is taken");
    expect(screen.getByTestId('user-login')).toHaveValue('lina');
  });

  test('deactivating oneself shows why the core refuses', async () => {
    const user = userEvent.setup();
    mock.userSetActive.mockRejectedValue(new IpcFailure('invalid_input', 'you cannot deactivate your own account'));
    renderWithProviders(<UsersPage />);
    const rows = await screen.findAllByTestId('user-row');
    await user.click(within(rows[0]).getByTestId('deactivate-user'));
    await user.click(await popconfirmButton(/停\s*用/));
    expect(await screen.findByText(/you cannot deactivate your own account/)).toBeInTheDocument();
    expect(mock.userSetActive).toHaveBeenCalledWith('u-admin', false);
  });
});
