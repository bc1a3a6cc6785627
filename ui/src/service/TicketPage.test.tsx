import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc, type TicketAction } from '../ipc/client';
import type { IpcMock } from '../test/ipcMock';
import { user as makeUser } from '../test/fixtures';
import { renderWithProviders } from '../test/render';
import { chooseOption, popconfirmButton } from '../test/antdControls';
import { applyLanguage } from '../i18n';
import { TicketPage } from './TicketPage';
import { programReads, ticket, ticketDetail } from './ticketFixtures';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createServiceIpcMock } = await import('./ticketFixtures');
  return { ...actual, ipc: createServiceIpcMock() };
});
const mock = ipc as unknown as IpcMock;

const AGENT = makeUser({ id: 'u-zm', login: 'zhaomin', displayName: '赵敏', role: 'service', unitId: 'o-service', unitName: '客服部' });
const MANAGER = makeUser({ id: 'u-wq', login: 'wangqiang', displayName: '王强', role: 'manager' });

const open = (signedIn = MANAGER) => renderWithProviders(<TicketPage />, { route: '/tickets/k-1', path: '/tickets/:id', user: signedIn });
const shownActions = () =>
  within(screen.getByTestId('ticket-actions'))
    .queryAllByRole('button')
    .map((b) => b.getAttribute('data-testid'));

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  programReads(mock);
  mock.ticketAct.mockResolvedValue(ticket());
});

describe('TicketPage', () => {
  test('the header shows number, subject, tags, customer and agent; the bar offers exactly the allowed actions', async () => {
    open();
    expect(await screen.findByTestId('ticket-title')).toHaveTextContent('#1024空调外机异响');
    const header = screen.getByTestId('ticket-title').parentElement!;
    expect(within(header).getByTestId('ticket-status')).toHaveTextContent('处理中');
    expect(within(header).getByTestId('ticket-priority')).toHaveTextContent('高');
    expect(screen.getByTestId('ticket-customer-link')).toHaveAttribute('href', '/customers/c-1');
    expect(screen.getByTestId('ticket-assignee')).toHaveTextContent('赵敏');
    expect(shownActions()).toEqual(['ticket-action-assign', 'ticket-action-wait', 'ticket-action-resolve', 'ticket-edit']);
  });

  test.each<[TicketAction[], string[]]>([
    [['start', 'wait', 'resolve'], ['ticket-action-start', 'ticket-action-wait', 'ticket-action-resolve']],
    [['close', 'reopen'], ['ticket-action-close', 'ticket-action-reopen']],
    [[], []],
  ])('an agent with allowed %j sees %j', async (allowed, buttons) => {
    mock.ticketGet.mockResolvedValue(ticketDetail(ticket({ allowedActions: allowed, assignee: 'sunli', assigneeName: '孙丽' })));
    open(AGENT);
    await screen.findByTestId('ticket-title');
    // Not his ticket: no editing either.
    expect(shownActions()).toEqual(buttons);
  });

  test('an agent takes an unassigned ticket himself', async () => {
    const user = userEvent.setup();
    const unassigned = ticket({ status: 'new', assignee: null, assigneeName: null, allowedActions: ['assign'] });
    mock.ticketGet.mockResolvedValue(ticketDetail(unassigned));
    open(AGENT);
    expect(await screen.findByTestId('ticket-assignee')).toHaveTextContent('未分配');
    await user.click(screen.getByTestId('ticket-action-take'));
    await waitFor(() => expect(mock.ticketAct).toHaveBeenCalledWith('k-1', { action: 'assign', assignee: null, note: null }));
  });

  test('a manager assigns to a named agent or lets the routing choose', async () => {
    const user = userEvent.setup();
    open();
    await user.click(await screen.findByTestId('ticket-action-assign'));
    await chooseOption(user, await screen.findByTestId('assign-agent'), '孙丽（客服部 · 2 张未完成）');
    // The current agent is not offered again.
    const offered = screen.getAllByRole('option', { hidden: true }).map((o) => o.textContent);
    expect(offered.join()).not.toContain('赵敏');
    await user.type(screen.getByTestId('assign-note'), '她熟悉这个型号');
    await user.click(screen.getByTestId('assign-ok'));
    await waitFor(() =>
      expect(mock.ticketAct).toHaveBeenCalledWith('k-1', { action: 'assign', assignee: 'sunli', note: '她熟悉这个型号' }),
    );

    await user.click(screen.getByTestId('ticket-action-assign'));
    await user.click(await screen.findByTestId('assign-ok'));
    await waitFor(() => expect(mock.ticketAct).toHaveBeenLastCalledWith('k-1', { action: 'assign', assignee: null, note: null }));
  });

  test('resolving asks for an optional note; a refusal shows the core’s sentence', async () => {
    const user = userEvent.setup();
    open();
    await user.click(await screen.findByTestId('ticket-action-resolve'));
    await user.type(await screen.findByTestId('action-note'), '更换了风扇电机');
    await user.click(screen.getByTestId('action-note-ok'));
    await waitFor(() => expect(mock.ticketAct).toHaveBeenCalledWith('k-1', { action: 'resolve', assignee: null, note: '更换了风扇电机' }));

    mock.ticketAct.mockRejectedValueOnce(new IpcFailure('illegal_transition', 'a ticket that is 已分配 (assigned) cannot be closed before it is resolved'));
    await user.click(screen.getByTestId('ticket-action-wait'));
    await user.click(await screen.findByTestId('action-note-ok'));
    expect(await screen.findByText(/cannot be closed before it is resolved/)).toBeInTheDocument();
  });

  test('the timeline shows messages in their styles and changes as lines; the SLA card the clocks', async () => {
    open();
    const messages = await screen.findAllByTestId('ticket-message');
    expect(messages.map((m) => m.getAttribute('data-kind'))).toEqual(['reply', 'customer_reply', 'note']);
    expect(messages[2]).toHaveTextContent('内部备注');
    expect(messages[2]).toHaveTextContent('需要带备用风扇电机');
    const lines = screen.getAllByTestId('ticket-line').map((l) => l.textContent);
    expect(lines[1]).toContain('系统自动分配给 赵敏');
    expect(lines[3]).toContain('优先级：普通 → 高');
    expect(screen.getByTestId('ticket-sla-firstResponse-state')).toHaveTextContent('已达成');
    expect(screen.getByTestId('ticket-sla-resolution-state')).toHaveTextContent('进行中');
    expect(screen.getByTestId('ticket-sla-resolution-clock')).toHaveTextContent(/剩 (4|5) 小时/);
  });

  test('a waiting ticket shows since when; a breached clock is red', async () => {
    mock.ticketGet.mockResolvedValue(
      ticketDetail(ticket({ status: 'waiting', waitingSince: '2026-03-02T06:00:00Z', resolutionClock: 'paused', firstResponseClock: 'breached' })),
    );
    open();
    expect(await screen.findByTestId('ticket-sla-waiting')).toHaveTextContent('起等待客户');
    expect(screen.getByTestId('ticket-sla-firstResponse-clock')).toHaveClass('sla-breached');
    expect(screen.getByTestId('ticket-sla-resolution-state')).toHaveTextContent('已暂停');
  });

  test('replies go out in the chosen mode, by button or Ctrl+Enter', async () => {
    const user = userEvent.setup();
    mock.ticketReply.mockResolvedValue(ticketDetail());
    open();
    await user.type(await screen.findByTestId('ticket-reply-body'), '明早九点上门');
    await user.click(screen.getByTestId('ticket-reply-send'));
    await waitFor(() => expect(mock.ticketReply).toHaveBeenCalledWith('k-1', 'reply', '明早九点上门'));

    await user.click(within(screen.getByTestId('ticket-reply-kind')).getByText('客户回复'));
    await user.type(screen.getByTestId('ticket-reply-body'), '客户说改到下午{Control>}{Enter}{/Control}');
    await waitFor(() => expect(mock.ticketReply).toHaveBeenLastCalledWith('k-1', 'customer_reply', '客户说改到下午'));
  });

  test('on a closed ticket only notes can be written', async () => {
    const user = userEvent.setup();
    mock.ticketGet.mockResolvedValue(ticketDetail(ticket({ status: 'closed', allowedActions: ['reopen'] })));
    mock.ticketReply.mockResolvedValue(ticketDetail());
    open();
    expect(await screen.findByText(/只能添加内部备注/)).toBeInTheDocument();
    await user.type(screen.getByTestId('ticket-reply-body'), '客户来电致谢');
    await user.click(screen.getByTestId('ticket-reply-send'));
    await waitFor(() => expect(mock.ticketReply).toHaveBeenCalledWith('k-1', 'note', '客户来电致谢'));
  });

  test('a closed, unrated ticket takes a rating; a rated one shows it', async () => {
    const user = userEvent.setup();
    mock.ticketGet.mockResolvedValue(ticketDetail(ticket({ status: 'closed', mayRate: true, allowedActions: ['reopen'] })));
    mock.ticketRate.mockResolvedValue(ticket({ status: 'closed', rating: 4 }));
    open();
    const form = await screen.findByTestId('ticket-rating-form');
    expect(screen.getByTestId('ticket-rating-submit')).toBeDisabled();
    await user.click(within(form).getAllByRole('radio')[3]);
    await user.type(screen.getByTestId('ticket-rating-comment'), '上门很准时');
    await user.click(screen.getByTestId('ticket-rating-submit'));
    await waitFor(() => expect(mock.ticketRate).toHaveBeenCalledWith('k-1', 4, '上门很准时'));
  });

  test('a rated ticket shows its stars and comment; an open one has no rating card', async () => {
    mock.ticketGet.mockResolvedValue(ticketDetail(ticket({ status: 'closed', rating: 2, ratingComment: '等得太久' })));
    const { unmount } = open();
    expect(await screen.findByTestId('ticket-rating-given')).toHaveTextContent('2 / 5');
    expect(screen.getByTestId('ticket-rating-given')).toHaveTextContent('等得太久');
    unmount();
    mock.ticketGet.mockResolvedValue(ticketDetail());
    open();
    await screen.findByTestId('ticket-title');
    expect(screen.queryByTestId('ticket-rating')).toBeNull();
  });

  test('attachments are added by path and removed; a bad path shows why', async () => {
    const user = userEvent.setup();
    mock.ticketAttach.mockRejectedValueOnce(new IpcFailure('invalid_input', "'照片.jpg' is not a full path to a file"));
    open();
    expect(await screen.findByTestId('ticket-attachment')).toHaveTextContent('外机.jpg');
    expect(screen.getByTestId('ticket-attachment')).toHaveTextContent('471 KB');
    await user.type(screen.getByTestId('ticket-attachment-path'), '照片.jpg{Enter}');
    expect(await screen.findByTestId('ticket-attachment-error')).toHaveTextContent('is not a full path');

    mock.ticketAttach.mockResolvedValue(ticketDetail(ticket(), { attachments: [] }));
    await user.clear(screen.getByTestId('ticket-attachment-path'));
    await user.type(screen.getByTestId('ticket-attachment-path'), '/home/zhaomin/照片.jpg');
    await user.click(screen.getByTestId('ticket-attachment-add'));
    await waitFor(() => expect(mock.ticketAttach).toHaveBeenLastCalledWith('k-1', '/home/zhaomin/照片.jpg'));

    mock.ticketAttachmentRemove.mockResolvedValue(ticketDetail(ticket(), { attachments: [] }));
    mock.ticketGet.mockResolvedValue(ticketDetail());
    await waitFor(() => expect(screen.getByTestId('ticket-attachments')).toHaveTextContent('没有附件'));
  });

  test('removing an attachment asks first', async () => {
    const user = userEvent.setup();
    mock.ticketAttachmentRemove.mockResolvedValue(ticketDetail(ticket(), { attachments: [] }));
    open();
    await user.click(await screen.findByTestId('ticket-attachment-remove'));
    await user.click(await popconfirmButton(/移\s*除/));
    await waitFor(() => expect(mock.ticketAttachmentRemove).toHaveBeenCalledWith('k-1', 'a-1'));
  });

  test('editing sends the version it started from and shows a conflict', async () => {
    const user = userEvent.setup();
    mock.ticketUpdate.mockRejectedValueOnce(new IpcFailure('conflict', 'ticket #1024 was changed by sunli meanwhile; reload it and edit again'));
    open();
    await user.click(await screen.findByTestId('ticket-edit'));
    const subject = await screen.findByTestId('ticket-edit-subject');
    await user.clear(subject);
    await user.type(subject, '空调外机异响，噪音很大');
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() =>
      expect(mock.ticketUpdate).toHaveBeenCalledWith('k-1', 3, {
        subject: '空调外机异响，噪音很大', description: '客户来电：空调外机异响。', category: 'repair', priority: 'high', contactId: null,
      }),
    );
    expect(await screen.findByTestId('ticket-edit-error')).toHaveTextContent('changed by sunli meanwhile');
    expect(screen.getByTestId('ticket-edit-reload')).toBeInTheDocument();
  });

  test('a ticket that does not exist says so with a way back', async () => {
    mock.ticketGet.mockRejectedValue(new IpcFailure('not_found', 'no ticket with id k-1'));
    open();
    expect(await screen.findByText('找不到这张工单')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '返回工单列表' })).toBeInTheDocument();
  });
});
