import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ipc } from '../ipc/client';
import type { IpcMock } from '../test/ipcMock';
import { customer } from '../test/fixtures';
import { renderWithProviders } from '../test/render';
import { applyLanguage } from '../i18n';
import { CustomerTicketsCard } from './CustomerTicketsCard';
import { AGENTS, ROUTING, ticket } from './ticketFixtures';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createServiceIpcMock } = await import('./ticketFixtures');
  return { ...actual, ipc: createServiceIpcMock() };
});
const mock = ipc as unknown as IpcMock;

const past = (n: number) =>
  ticket({ id: `k-p${n}`, number: 900 + n, subject: `旧工单 ${n}`, status: n % 2 ? 'closed' : 'resolved', resolvedAt: '2026-01-02T01:00:00Z' });

const open = (readOnly = false) =>
  renderWithProviders(<CustomerTicketsCard customerId="c-1" readOnly={readOnly} />, { route: '/customers/c-1', path: '/customers/:id' });

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.customerGet.mockResolvedValue(customer());
  mock.customerTickets.mockResolvedValue([ticket({ resolutionClock: 'due_soon' }), ...[1, 2, 3, 4, 5, 6, 7].map(past)]);
  mock.ticketRoutingGet.mockResolvedValue(ROUTING);
  mock.agentList.mockResolvedValue(AGENTS);
  mock.contactList.mockResolvedValue([]);
});

describe('CustomerTicketsCard', () => {
  test('open tickets with their SLA first, then the newest past ones, more on demand', async () => {
    const user = userEvent.setup();
    open();
    const openPart = await screen.findByTestId('customer-tickets-open');
    expect(openPart).toHaveTextContent('进行中（1）');
    expect(within(openPart).getByTestId('customer-ticket-sla')).toHaveClass('sla-due_soon');
    expect(within(openPart).getByTestId('ticket-priority')).toHaveTextContent('高');
    const pastPart = screen.getByTestId('customer-tickets-past');
    expect(pastPart).toHaveTextContent('已完成（7）');
    expect(within(pastPart).getAllByTestId('customer-ticket')).toHaveLength(5);
    expect(within(pastPart).queryByTestId('customer-ticket-sla')).toBeNull();
    await user.click(screen.getByTestId('customer-tickets-more'));
    expect(within(pastPart).getAllByTestId('customer-ticket')).toHaveLength(7);

    await user.click(within(openPart).getByTestId('customer-ticket'));
    expect(screen.getByTestId('location')).toHaveTextContent('/tickets/k-1');
  });

  test('a new ticket is for this customer, fixed; after creating it opens', async () => {
    const user = userEvent.setup();
    mock.ticketCreate.mockResolvedValue(ticket({ id: 'k-9', number: 1099 }));
    open();
    await user.click(await screen.findByTestId('customer-ticket-new'));
    expect(await screen.findByTestId('new-ticket-fixed-customer')).toHaveTextContent('张伟');
    expect(screen.queryByTestId('new-ticket-customer')).toBeNull();
    await user.type(screen.getByTestId('new-ticket-subject'), '热水器漏水');
    await user.click(screen.getByTestId('new-ticket-submit'));
    await waitFor(() =>
      expect(mock.ticketCreate).toHaveBeenCalledWith({
        customerId: 'c-1', contactId: null, channel: 'phone', category: null, priority: 'normal', subject: '热水器漏水',
        description: null, assignee: null,
      }),
    );
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/tickets/k-9'));
  });

  test('an unanswered ticket past its first-response time shows that clock, in red', async () => {
    mock.customerTickets.mockResolvedValue([
      ticket({ status: 'new', firstResponseAt: null, firstResponseClock: 'breached', resolutionClock: 'running' }),
    ]);
    open();
    expect(await screen.findByTestId('customer-ticket-sla')).toHaveClass('sla-breached');
  });

  test('a customer without tickets says so; in the trash nothing new is offered', async () => {
    mock.customerTickets.mockResolvedValue([]);
    open(true);
    expect(await screen.findByText('这个客户还没有工单')).toBeInTheDocument();
    expect(screen.queryByTestId('customer-ticket-new')).toBeNull();
  });
});
