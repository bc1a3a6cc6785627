import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ipc } from '../ipc/client';
import type { IpcMock } from '../test/ipcMock';
import { renderWithProviders } from '../test/render';
import { chooseOption } from '../test/antdControls';
import { applyLanguage } from '../i18n';
import { TicketsPage } from './TicketsPage';
import { ROUTING, hoursFromNow, ticket } from './ticketFixtures';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createServiceIpcMock } = await import('./ticketFixtures');
  return { ...actual, ipc: createServiceIpcMock() };
});
const mock = ipc as unknown as IpcMock;

const URGENT = ticket({
  id: 'k-2', number: 1025, subject: '收银系统无法联网', priority: 'urgent', customerId: 'c-2', customerName: '刘伟',
  resolutionDue: hoursFromNow(-1.5), resolutionClock: 'breached',
});
const SOON = ticket({ resolutionDue: hoursFromNow(0.5), resolutionClock: 'due_soon' });
const NEW = ticket({
  id: 'k-3', number: 1026, status: 'new', subject: '咨询维保套餐', category: 'inquiry', priority: 'normal', assignee: null,
  assigneeName: null, firstResponseAt: null, firstResponseDue: hoursFromNow(3), firstResponseClock: 'running', resolutionDue: hoursFromNow(20),
});

const open = (route = '/tickets') => renderWithProviders(<TicketsPage />, { route, path: '/tickets' });
const lastRequest = () => mock.ticketList.mock.calls.at(-1)?.[0];

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.ticketCounts.mockResolvedValue({ open: 11, mine: 2, unassigned: 3, breached: 1, dueSoon: 1 });
  mock.ticketList.mockResolvedValue({ items: [URGENT, SOON, NEW], nextCursor: null });
  mock.ticketRoutingGet.mockResolvedValue(ROUTING);
});

describe('TicketsPage', () => {
  test('the queue lists the most urgent first with tags and SLA colours; the tabs carry the counts', async () => {
    open();
    const rows = await screen.findAllByTestId('ticket-row');
    expect(rows).toHaveLength(3);
    expect(lastRequest()).toEqual({ view: 'queue', statuses: [], priority: null, limit: 50, cursor: null });
    expect(rows[0]).toHaveTextContent('#1025');
    expect(within(rows[0]).getByTestId('ticket-priority')).toHaveTextContent('紧急');
    expect(within(rows[0]).getByTestId('ticket-resolution')).toHaveClass('sla-breached');
    expect(within(rows[0]).getByTestId('ticket-resolution')).toHaveTextContent(/超时 1 小时 30 分/);
    expect(within(rows[1]).getByTestId('ticket-resolution')).toHaveClass('sla-due_soon');
    expect(within(rows[2]).getByTestId('ticket-status')).toHaveTextContent('新建');
    expect(rows[2]).toHaveTextContent('未分配');
    expect(rows[2]).toHaveTextContent('咨询');
    expect(within(rows[0]).getByTestId('ticket-customer')).toHaveAttribute('href', '/customers/c-2');
    expect(await screen.findByTestId('tickets-count-queue')).toHaveTextContent('11');
    expect(screen.getByTestId('tickets-count-breached')).toHaveTextContent('1');
    expect(screen.getByTestId('tickets-due-soon')).toHaveTextContent('1 张即将超时');
  });

  test('tabs and filters ask the core for their view', async () => {
    const user = userEvent.setup();
    open();
    await screen.findAllByTestId('ticket-row');
    await user.click(screen.getByTestId('tickets-tab-breached'));
    await waitFor(() => expect(lastRequest()).toMatchObject({ view: 'breached' }));
    // The queue views offer the open statuses only.
    expect(screen.queryByTestId('ticket-status-filter-closed')).toBeNull();
    await user.click(screen.getByTestId('ticket-status-filter-waiting'));
    await waitFor(() => expect(lastRequest()).toMatchObject({ view: 'breached', statuses: ['waiting'] }));
    await chooseOption(user, screen.getByTestId('ticket-priority-filter'), '紧急');
    await waitFor(() => expect(lastRequest()).toMatchObject({ view: 'breached', statuses: ['waiting'], priority: 'urgent' }));

    await user.click(screen.getByTestId('tickets-tab-all'));
    await user.click(screen.getByTestId('ticket-status-filter-closed'));
    await waitFor(() => expect(lastRequest()).toMatchObject({ view: 'all', statuses: ['waiting', 'closed'], priority: 'urgent' }));
  });

  test('more pages load from the cursor; a row opens its ticket', async () => {
    const user = userEvent.setup();
    mock.ticketList.mockResolvedValueOnce({ items: [URGENT], nextCursor: '2026-03-02T10:00:00Z|1025' });
    mock.ticketList.mockResolvedValueOnce({ items: [NEW], nextCursor: null });
    open('/tickets?tab=mine');
    await screen.findAllByTestId('ticket-row');
    expect(lastRequest()).toMatchObject({ view: 'mine' });
    await user.click(screen.getByTestId('tickets-load-more'));
    await waitFor(() => expect(screen.getAllByTestId('ticket-row')).toHaveLength(2));
    expect(lastRequest()).toMatchObject({ view: 'mine', cursor: '2026-03-02T10:00:00Z|1025' });
    expect(screen.queryByTestId('tickets-load-more')).toBeNull();
    await user.click(screen.getAllByTestId('ticket-row')[1]);
    expect(screen.getByTestId('location')).toHaveTextContent('/tickets/k-3');
  });

  test('an empty tab says what it means', async () => {
    mock.ticketList.mockResolvedValue({ items: [], nextCursor: null });
    open('/tickets?tab=unassigned');
    expect(await screen.findByText('没有等待分配的工单')).toBeInTheDocument();
  });

  test('in English', async () => {
    await applyLanguage('en');
    open();
    const rows = await screen.findAllByTestId('ticket-row');
    expect(within(rows[0]).getByTestId('ticket-resolution')).toHaveTextContent(/1 h 30 min overdue/);
    expect(within(rows[2]).getByTestId('ticket-status')).toHaveTextContent('New');
    expect(screen.getByTestId('tickets-tab-unassigned')).toHaveTextContent('Unassigned');
  });
});
