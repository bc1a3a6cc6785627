import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc } from '../ipc/client';
import { renderWithProviders } from '../test/render';
import { chooseOption } from '../test/antdControls';
import { ADMIN, FIELDS, SALES_REP } from '../test/fixtures';
import { applyLanguage } from '../i18n';
import { SettingsPage } from '../settings/SettingsPage';
import { SMTP, type CampaignIpcMock } from './campaignFixtures';
import { SmtpSettingsPanel } from './SmtpSettingsPanel';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createCampaignIpcMock } = await import('./campaignFixtures');
  return { ...actual, ipc: createCampaignIpcMock() };
});
const mock = ipc as unknown as CampaignIpcMock;

const spin = (testId: string) => screen.getByTestId(testId).querySelector('input') ?? screen.getByTestId(testId);

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.smtpSettingsGet.mockResolvedValue(SMTP);
  mock.smtpSettingsSet.mockImplementation((input) =>
    Promise.resolve({ host: input.host, port: input.port, security: input.security, username: input.username ?? null, hasPassword: input.password !== '' }),
  );
});

describe('the SMTP settings', () => {
  test('saving with the password left empty keeps the stored one (sends null)', async () => {
    const user = userEvent.setup();
    renderWithProviders(<SmtpSettingsPanel />);
    const host = await screen.findByTestId('smtp-host');
    expect(host).toHaveValue('smtp.huadong.cn');
    expect(spin('smtp-port')).toHaveValue('587');
    expect(screen.getByTestId('smtp-username')).toHaveValue('marketing@huadong.cn');
    expect(screen.getByTestId('smtp-password')).toHaveAttribute('placeholder', '已保存密码，留空则保持不变');

    await user.clear(host);
    await user.type(host, 'smtp.exmail.qq.com');
    await user.click(screen.getByTestId('smtp-save'));
    await waitFor(() =>
      expect(mock.smtpSettingsSet).toHaveBeenCalledWith({
        host: 'smtp.exmail.qq.com', port: 587, security: 'start_tls', username: 'marketing@huadong.cn', password: null,
      }),
    );
    expect(await screen.findByText('已保存 SMTP 设置')).toBeInTheDocument();
  });

  test('a typed password is sent; removing the stored one sends an empty one; the port follows the security', async () => {
    const user = userEvent.setup();
    renderWithProviders(<SmtpSettingsPanel />);
    await user.type(await screen.findByTestId('smtp-password'), 's3cret!');
    await chooseOption(user, screen.getByTestId('smtp-security'), 'SSL/TLS（通常为 465 端口）');
    expect(spin('smtp-port')).toHaveValue('465');
    await user.click(screen.getByTestId('smtp-save'));
    await waitFor(() => expect(mock.smtpSettingsSet).toHaveBeenLastCalledWith(expect.objectContaining({ security: 'tls', port: 465, password: 's3cret!' })));
    // Saved: the field is empty again.
    await waitFor(() => expect(screen.getByTestId('smtp-password')).toHaveValue(''));

    await user.click(screen.getByTestId('smtp-remove-password'));
    await user.click(screen.getByTestId('smtp-save'));
    await waitFor(() => expect(mock.smtpSettingsSet).toHaveBeenLastCalledWith(expect.objectContaining({ password: '' })));
    await waitFor(() => expect(screen.getByTestId('smtp-password')).toHaveAttribute('placeholder', '未保存密码（可选）'));
  });

  test('the core’s refusal shows in the panel', async () => {
    const user = userEvent.setup();
    mock.smtpSettingsSet.mockRejectedValue(new IpcFailure('invalid_input', "name the SMTP server's host, e.g. smtp.example.com"));
    renderWithProviders(<SmtpSettingsPanel />);
    await user.clear(await screen.findByTestId('smtp-host'));
    await user.click(screen.getByTestId('smtp-save'));
    expect(await screen.findByTestId('smtp-error')).toHaveTextContent("name the SMTP server's host");
  });

  test('testing the connection says it worked, or the core’s reason it did not', async () => {
    const user = userEvent.setup();
    mock.smtpTest.mockResolvedValueOnce(null).mockRejectedValueOnce(new IpcFailure('invalid_input', 'the SMTP server cannot be reached: timed out'));
    renderWithProviders(<SmtpSettingsPanel />);
    await user.click(await screen.findByTestId('smtp-test'));
    expect(await screen.findByTestId('smtp-test-ok')).toHaveTextContent('已成功连接到 SMTP 服务器');
    await user.click(screen.getByTestId('smtp-test'));
    expect(await screen.findByTestId('smtp-test-failed')).toHaveTextContent('the SMTP server cannot be reached: timed out');
    expect(mock.smtpTest).toHaveBeenCalledTimes(2);
  });

  test('without a configured server: the usual defaults, nothing to test yet', async () => {
    mock.smtpSettingsGet.mockResolvedValue(null);
    renderWithProviders(<SmtpSettingsPanel />);
    expect(await screen.findByTestId('smtp-not-configured')).toHaveTextContent('尚未配置 SMTP 服务器');
    expect(spin('smtp-port')).toHaveValue('587');
    expect(screen.getByTestId('smtp-test')).toBeDisabled();
    expect(screen.queryByTestId('smtp-remove-password')).not.toBeInTheDocument();
  });

  test('only administrators get the mail server tab in the settings', async () => {
    mock.fieldList.mockResolvedValue(FIELDS);
    const admin = renderWithProviders(<SettingsPage />, { user: ADMIN });
    expect(await screen.findByRole('tab', { name: /邮件服务器/ })).toBeInTheDocument();
    admin.unmount();

    renderWithProviders(<SettingsPage />, { user: SALES_REP });
    await screen.findAllByRole('tab');
    expect(screen.queryByRole('tab', { name: /邮件服务器/ })).not.toBeInTheDocument();
    expect(mock.smtpSettingsGet).not.toHaveBeenCalled();
  });
});
