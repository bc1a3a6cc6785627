import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc } from '../ipc/client';
import type { IpcMock } from '../test/ipcMock';
import { renderWithProviders } from '../test/render';
import { applyLanguage } from '../i18n';
import { ChangePasswordModal } from './ChangePasswordModal';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createIpcMock } = await import('../test/ipcMock');
  return { ...actual, ipc: createIpcMock() };
});
const mock = ipc as unknown as IpcMock;

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
});

describe('ChangePasswordModal', () => {
  test('sends the current and the new password once the confirmation matches', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    mock.authChangePassword.mockResolvedValue(null);
    renderWithProviders(<ChangePasswordModal onClose={onClose} />);
    await user.type(screen.getByTestId('current-password'), 'Old2025!x');
    await user.type(screen.getByTestId('new-password'), 'New2025!xy');
    await user.type(screen.getByTestId('confirm-password'), 'New2025!xz');
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText('两次输入的密码不一致')).toBeInTheDocument();
    expect(mock.authChangePassword).not.toHaveBeenCalled();

    await user.clear(screen.getByTestId('confirm-password'));
    await user.type(screen.getByTestId('confirm-password'), 'New2025!xy');
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(mock.authChangePassword).toHaveBeenCalledWith('Old2025!x', 'New2025!xy');
  });

  test('shows the core refusing a wrong current password', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    mock.authChangePassword.mockRejectedValue(new IpcFailure('forbidden', 'the current password is wrong'));
    renderWithProviders(<ChangePasswordModal onClose={onClose} />);
    await user.type(screen.getByTestId('current-password'), 'guess-1234');
    await user.type(screen.getByTestId('new-password'), 'New2025!xy');
    await user.type(screen.getByTestId('confirm-password'), 'New2025!xy');
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByTestId('change-password-error')).toHaveTextContent('the current password is wrong');
    expect(onClose).not.toHaveBeenCalled();
  });
});
