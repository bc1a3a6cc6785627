import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc } from '../ipc/client';
import type { IpcMock } from '../test/ipcMock';
import { user as makeUser } from '../test/fixtures';
import { renderWithProviders } from '../test/render';
import { chooseOption } from '../test/antdControls';
import { applyLanguage } from '../i18n';
import { NewTicketModal } from './NewTicketModal';
import { AGENTS, ROUTING, ticket } from './ticketFixtures';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createServiceIpcMock } = await import('./ticketFixtures');
  return { ...actual, ipc: createServiceIpcMock() };
});
const mock = ipc as unknown as IpcMock;

const AGENT = makeUser({ id: 'u-zm', login: 'zhaomin', displayName: '赵敏', role: 'service' });
const CONTACT = { id: 'p-1', customerId: 'c-2', name: '李经理', title: '采购', phones: [], emails: [], createdAt: '', updatedAt: '' };

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.ticketRoutingGet.mockResolvedValue(ROUTING);
  mock.agentList.mockResolvedValue(AGENTS);
  mock.contactList.mockResolvedValue([CONTACT]);
  mock.searchCustomers.mockResolvedValue([
    { id: 'c-2', name: '海尔集团', kind: 'enterprise', company: '海尔集团', city: '青岛', phones: ['0532-8888'], emails: [], score: 0.9,
      matched: 'name', matchedContact: null },
  ]);
  mock.ticketCreate.mockResolvedValue(ticket({ id: 'k-7', number: 1030 }));
});

describe('NewTicketModal', () => {
  test('a manager picks the customer, contact, category, priority and an agent', async () => {
    const user = userEvent.setup();
    const onCreated = vi.fn();
    renderWithProviders(<NewTicketModal open onClose={vi.fn()} onCreated={onCreated} />);
    await user.click(screen.getByTestId('new-ticket-submit'));
    expect(await screen.findByText('请选择客户')).toBeInTheDocument();
    expect(mock.ticketCreate).not.toHaveBeenCalled();

    await user.type(within(screen.getByTestId('new-ticket-customer')).getByRole('combobox'), '海尔');
    // The search waits for typing to pause; give a busy machine time.
    await user.click(await screen.findByText('海尔集团', { selector: '.picker-option span' }, { timeout: 5000 }));
    await waitFor(() => expect(mock.contactList).toHaveBeenCalledWith('c-2'), { timeout: 5000 });
    await chooseOption(user, screen.getByTestId('new-ticket-contact'), '李经理（采购）');
    await user.click(screen.getByText('邮件'));
    await user.click(screen.getByText('紧急'));
    await chooseOption(user, screen.getByTestId('new-ticket-category'), '投诉');
    await chooseOption(user, screen.getByTestId('new-ticket-assignee'), '孙丽（客服部 · 2 张未完成）');
    await user.type(screen.getByTestId('new-ticket-subject'), '发票抬头开错');
    await user.type(screen.getByTestId('new-ticket-description'), '需要重开');
    await user.click(screen.getByTestId('new-ticket-submit'));
    await waitFor(() =>
      expect(mock.ticketCreate).toHaveBeenCalledWith({
        customerId: 'c-2', contactId: 'p-1', channel: 'email', category: 'complaint', priority: 'urgent', subject: '发票抬头开错',
        description: '需要重开', assignee: 'sunli',
      }),
    );
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ number: 1030 })));
  });

  test('an agent is not offered the assignee; a refusal keeps the form with the core’s sentence', async () => {
    const user = userEvent.setup();
    mock.ticketCreate.mockRejectedValueOnce(new IpcFailure('invalid_input', 'subject is required'));
    renderWithProviders(<NewTicketModal open onClose={vi.fn()} customer={{ id: 'c-2', name: '海尔集团' }} />, { user: AGENT });
    await screen.findByTestId('new-ticket-fixed-customer');
    expect(screen.queryByTestId('new-ticket-assignee')).toBeNull();
    expect(mock.agentList).not.toHaveBeenCalled();
    await user.type(screen.getByTestId('new-ticket-subject'), '   x');
    await user.click(screen.getByTestId('new-ticket-submit'));
    expect(await screen.findByTestId('new-ticket-error')).toHaveTextContent('subject is required');
    expect(screen.getByTestId('new-ticket-subject')).toHaveValue('   x');
  });
});
