import { beforeEach, describe, expect, test, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ipc, type CallerLookup, type SearchHit } from '../ipc/client';
import type { IpcMock } from '../test/ipcMock';
import { FIELDS, TAGS, customer } from '../test/fixtures';
import { renderWithProviders } from '../test/render';
import { applyLanguage } from '../i18n';
import { opportunity } from '../opportunities/opportunityFixtures';
import { AGENTS, ROUTING, ticket } from './deskFixtures';
import { DESK_DEBOUNCE_MS, DeskPage } from './DeskPage';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createDeskIpcMock } = await import('./deskFixtures');
  return { ...actual, ipc: createDeskIpcMock() };
});
const mock = ipc as unknown as IpcMock;

const hit = (id: string, name: string, extra: Partial<SearchHit> = {}): SearchHit => ({
  id, name, kind: 'individual', company: null, city: '深圳', phones: ['13800008000'], emails: [], score: 0.9,
  matched: 'phone', matchedContact: null, ...extra,
});

const ZHANG = customer({ lifecycle: 'vip', phones: ['13800008000', '0755-8888'], emails: ['zhang.wei@example.com'] });
const HITS = [hit('c-1', '张伟'), hit('c-2', '王芳', { phones: ['13900008000'], company: '海尔集团' })];

/** The core's answer: the chosen customer's card, else the best match's. */
function lookup(query: string, chosen: string | null): Promise<CallerLookup> {
  if (!query.includes('8000')) return Promise.resolve({ matches: [], card: null });
  const id = chosen ?? 'c-1';
  return Promise.resolve({
    matches: HITS,
    card: id === 'c-1'
      ? {
          customer: ZHANG,
          openTickets: [
            ticket(),
            ticket({ id: 'k-2', number: 1031, subject: '发票抬头错误', status: 'new', priority: 'urgent', firstResponseAt: null,
              firstResponseClock: 'breached', firstResponseDue: '2026-03-02T02:00:00Z', assignee: null, assigneeName: null }),
          ],
          pastTickets: [ticket({ id: 'k-0', number: 998, subject: '安装预约', status: 'closed', closedAt: '2026-01-10T08:00:00Z', rating: 5 })],
          opportunities: [opportunity({ customerId: 'c-1' })],
        }
      : { customer: customer({ id: 'c-2', name: '王芳', tier: null, tagIds: [] }), openTickets: [], pastTickets: [], opportunities: [] },
  });
}

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.callerLookup.mockImplementation(lookup);
  mock.fieldList.mockResolvedValue(FIELDS);
  mock.tagList.mockResolvedValue(TAGS);
  mock.ticketRoutingGet.mockResolvedValue(ROUTING);
  mock.agentList.mockResolvedValue(AGENTS);
  mock.contactList.mockResolvedValue([]);
});

describe('the service desk', () => {
  test('waits for a call with the search box focused', async () => {
    renderWithProviders(<DeskPage />);
    expect(screen.getByTestId('desk-search')).toHaveFocus();
    expect(screen.getByTestId('desk-idle')).toBeInTheDocument();
    await act(() => new Promise((r) => setTimeout(r, DESK_DEBOUNCE_MS * 2)));
    expect(mock.callerLookup).not.toHaveBeenCalled();
  });

  test('the last digits of a number find the caller and show their card', async () => {
    const user = userEvent.setup();
    renderWithProviders(<DeskPage />);
    await user.type(screen.getByTestId('desk-search'), '8000');
    const card = await screen.findByTestId('caller-card');
    // Typed faster than the debounce: one lookup, of the whole number.
    expect(mock.callerLookup.mock.calls).toEqual([['8000', null]]);

    const matches = screen.getAllByTestId('caller-match');
    expect(matches).toHaveLength(2);
    expect(matches[0]).toHaveTextContent('张伟');
    expect(matches[0]).toHaveTextContent('电话');
    expect(matches[0].querySelector('mark')).toHaveTextContent('8000');
    expect(matches[1]).toHaveTextContent('海尔集团');

    expect(within(card).getByTestId('caller-card-name')).toHaveTextContent('张伟');
    expect(card).toHaveTextContent('VIP');
    // Tier and tag names come with the dimensions and tags.
    await waitFor(() => expect(card).toHaveTextContent('黄金'));
    await waitFor(() => expect(card).toHaveTextContent('重点跟进'));
    const facts = screen.getByTestId('caller-facts');
    expect(facts).toHaveTextContent('0755-8888');
    expect(facts).toHaveTextContent('zhang.wei@example.com');
    expect(facts).toHaveTextContent('华为技术有限公司');
    expect(facts).toHaveTextContent('广东 深圳');
    expect(facts).toHaveTextContent('李娜');

    const open = screen.getAllByTestId('caller-open-ticket');
    expect(open).toHaveLength(2);
    expect(open[0]).toHaveTextContent('#1024');
    expect(open[0]).toHaveTextContent('处理中');
    await waitFor(() => expect(open[0]).toHaveTextContent('维修'));
    expect(open[0]).toHaveTextContent('解决时限');
    // Not answered yet: its first-response clock shows, red.
    expect(open[1]).toHaveTextContent('首次响应');
    expect(within(open[1]).getByTestId('sla-clock')).toHaveAttribute('data-state', 'breached');
    expect(open[1]).toHaveTextContent('未分配');
    expect(screen.getByTestId('caller-past-ticket')).toHaveTextContent('#998');
    expect(screen.getByTestId('caller-opportunity')).toHaveTextContent('年度设备采购');
    expect(screen.getByTestId('desk-open-360')).toHaveAttribute('href', '/customers/c-1');
  });

  test('↓ and Enter choose another match; a click does too', async () => {
    const user = userEvent.setup();
    renderWithProviders(<DeskPage />);
    await user.type(screen.getByTestId('desk-search'), '8000');
    await screen.findByTestId('caller-card');
    expect(screen.getAllByTestId('caller-match')[0]).toHaveAttribute('aria-selected', 'true');

    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(screen.getByTestId('caller-card-name')).toHaveTextContent('王芳'));
    expect(mock.callerLookup).toHaveBeenLastCalledWith('8000', 'c-2');
    expect(screen.getAllByTestId('caller-match')[1]).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByTestId('caller-open-tickets')).toHaveTextContent('没有处理中的工单');

    await user.click(screen.getAllByTestId('caller-match')[0]);
    await waitFor(() => expect(screen.getByTestId('caller-card-name')).toHaveTextContent('张伟'));
    // The focus stays in the box, ready for the next key.
    expect(screen.getByTestId('desk-search')).toHaveFocus();
  });

  test('says so when nobody matches', async () => {
    const user = userEvent.setup();
    renderWithProviders(<DeskPage />);
    await user.type(screen.getByTestId('desk-search'), '4321');
    expect(await screen.findByTestId('desk-no-match')).toHaveTextContent('没有找到与“4321”匹配的客户');
    await user.keyboard('{Escape}');
    expect(screen.getByTestId('desk-search')).toHaveValue('');
    expect(await screen.findByTestId('desk-idle')).toBeInTheDocument();
  });

  test('a new ticket for the caller, from the button or Ctrl+Enter, stays on the desk', async () => {
    const user = userEvent.setup();
    mock.ticketCreate.mockImplementation((input) => Promise.resolve(ticket({ id: 'k-9', number: 1040, subject: input.subject })));
    renderWithProviders(<DeskPage />);
    await user.type(screen.getByTestId('desk-search'), '8000');
    await screen.findByTestId('caller-card');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByTestId('new-ticket-fixed-customer')).toHaveTextContent('张伟');
    await user.type(screen.getByTestId('new-ticket-subject'), '热水器漏水');
    await user.click(screen.getByTestId('new-ticket-submit'));

    await waitFor(() => expect(mock.ticketCreate).toHaveBeenCalledTimes(1));
    expect(mock.ticketCreate.mock.calls[0][0]).toMatchObject({ customerId: 'c-1', channel: 'phone', subject: '热水器漏水' });
    // Still on the desk, and the card asks the core again for the new ticket.
    expect(screen.getByTestId('location')).toHaveTextContent('/');
    await waitFor(() => expect(mock.callerLookup.mock.calls.length).toBeGreaterThan(1));

    await user.click(screen.getByTestId('desk-new-ticket'));
    expect(await screen.findByTestId('new-ticket-fixed-customer')).toHaveTextContent('张伟');
  });
});
