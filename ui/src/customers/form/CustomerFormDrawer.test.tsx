import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc } from '../../ipc/client';
import type { IpcMock } from '../../test/ipcMock';
import { FIELDS, TAGS, customer } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { applyLanguage } from '../../i18n';
import { CustomerFormDrawer } from './CustomerFormDrawer';

vi.mock('../../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../ipc/client')>();
  const { createIpcMock } = await import('../../test/ipcMock');
  return { ...actual, ipc: createIpcMock() };
});
const mock = ipc as unknown as IpcMock;

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.fieldList.mockResolvedValue(FIELDS);
  mock.tagList.mockResolvedValue(TAGS);
});

describe('CustomerFormDrawer', () => {
  test('creates a customer, sending empty fields as null', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    mock.customerCreate.mockImplementation((input) => Promise.resolve(customer({ id: 'c-new', name: input.name })));
    renderWithProviders(<CustomerFormDrawer open onClose={onClose} />);

    await user.type(await screen.findByTestId('field-name'), '赵敏');
    await user.type(screen.getByTestId('field-phone-0'), '139 1234 5678');
    await user.click(screen.getByTestId('customer-form-submit'));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const input = mock.customerCreate.mock.calls[0][0];
    expect(input).toMatchObject({
      name: '赵敏', kind: 'individual', lifecycle: 'potential', owner: null, company: null, city: null,
      tier: null, phones: ['139 1234 5678'], emails: [], tagIds: [], custom: {},
    });
  });

  test('shows the core refusal and keeps what was typed', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    mock.customerCreate.mockRejectedValue(
      new IpcFailure('invalid_input', "phone '12' is not a phone number (3 to 20 digits; spaces and + - ( ) . allowed)"),
    );
    renderWithProviders(<CustomerFormDrawer open onClose={onClose} />);

    await user.type(await screen.findByTestId('field-name'), '赵敏');
    await user.type(screen.getByTestId('field-phone-0'), '12');
    await user.type(screen.getByTestId('field-email-0'), 'zm@example.com');
    await user.click(screen.getByTestId('customer-form-submit'));

    const alert = await screen.findByTestId('customer-form-error');
    expect(alert).toHaveTextContent("phone '12' is not a phone number");
    expect(alert).toHaveTextContent('无法保存');
    expect(screen.getByTestId('field-name')).toHaveValue('赵敏');
    expect(screen.getByTestId('field-phone-0')).toHaveValue('12');
    expect(screen.getByTestId('field-email-0')).toHaveValue('zm@example.com');
    expect(onClose).not.toHaveBeenCalled();
  });

  test('does not submit without a name', async () => {
    const user = userEvent.setup();
    renderWithProviders(<CustomerFormDrawer open onClose={vi.fn()} />);
    await user.type(await screen.findByTestId('field-name'), '   ');
    await user.click(screen.getByTestId('customer-form-submit'));
    expect(await screen.findByText('请输入客户名称')).toBeInTheDocument();
    expect(mock.customerCreate).not.toHaveBeenCalled();
  });

  test('edits with the version it started from and offers a reload on conflict', async () => {
    const user = userEvent.setup();
    const original = customer({ version: 3, name: '张伟' });
    mock.customerUpdate.mockRejectedValueOnce(
      new IpcFailure('conflict', "customer '张伟' was changed by 王强 at 2025-06-03 after you opened it; reload to see the changes"),
    );
    mock.customerGet.mockResolvedValue(customer({ version: 4, name: '张伟（新）' }));
    renderWithProviders(<CustomerFormDrawer open onClose={vi.fn()} customer={original} />);

    const name = await screen.findByTestId('field-name');
    expect(name).toHaveValue('张伟');
    await user.clear(name);
    await user.type(name, '张伟伟');
    await user.click(screen.getByTestId('customer-form-submit'));

    const alert = await screen.findByTestId('customer-form-error');
    expect(alert).toHaveTextContent('这位客户已在别处被修改');
    expect(mock.customerUpdate.mock.calls[0][0]).toBe('c-1');
    expect(mock.customerUpdate.mock.calls[0][1]).toBe(3);
    expect(screen.getByTestId('field-name')).toHaveValue('张伟伟');

    await user.click(screen.getByRole('button', { name: '载入最新内容' }));
    await waitFor(() => expect(screen.getByTestId('field-name')).toHaveValue('张伟（新）'));
    expect(screen.queryByTestId('customer-form-error')).not.toBeInTheDocument();

    mock.customerUpdate.mockResolvedValueOnce(customer({ version: 5 }));
    await user.click(screen.getByTestId('customer-form-submit'));
    await waitFor(() => expect(mock.customerUpdate).toHaveBeenCalledTimes(2));
    expect(mock.customerUpdate.mock.calls[1][1]).toBe(4);
  });
});
