import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc } from '../ipc/client';
import type { IpcMock } from '../test/ipcMock';
import { ADMIN, SALES_REP } from '../test/fixtures';
import { renderWithProviders } from '../test/render';
import { applyLanguage } from '../i18n';
import { LeadsPage } from './LeadsPage';
import { lead } from './leadFixtures';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createIpcMock } = await import('../test/ipcMock');
  return { ...actual, ipc: createIpcMock() };
});
const mock = ipc as unknown as IpcMock;

const POOL = [
  lead({ id: 'l-1', name: '周杰' }),
  lead({ id: 'l-2', name: '吴敏', company: null, territory: null, allowedActions: ['claim', 'void'] }),
  // Someone else's view of a lead they may not claim (e.g. a service user): no button.
  lead({ id: 'l-3', name: '郑爽', allowedActions: [] }),
];

const open = (user = SALES_REP, route = '/leads') => renderWithProviders(<LeadsPage />, { route, path: '/leads/*', user });

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.leadList.mockResolvedValue({ items: POOL, nextCursor: null });
});

describe('LeadsPage', () => {
  test('the pool lists the unassigned leads with their status and offers to claim where the core allows', async () => {
    open();
    const rows = await screen.findAllByTestId('lead-row');
    expect(rows).toHaveLength(3);
    expect(mock.leadList).toHaveBeenCalledWith({ statuses: ['unassigned'], owner: null, text: null, limit: 50, cursor: null });
    expect(rows[0]).toHaveAttribute('data-lead-id', 'l-1');
    expect(rows[0]).toHaveTextContent('周杰');
    expect(rows[0]).toHaveTextContent('华南区');
    expect(within(rows[0]).getByTestId('lead-status')).toHaveTextContent('未分配');
    expect(rows[1]).toHaveTextContent('未分配区域');
    expect(within(rows[0]).getByTestId('lead-claim')).toBeInTheDocument();
    expect(within(rows[2]).queryByTestId('lead-claim')).toBeNull();
    // A rep does not get the manager's button.
    expect(screen.queryByTestId('lead-assign-pool')).toBeNull();
  });

  test('claiming sends the claim action, and a refusal by the pool’s limits is shown as the core says it', async () => {
    const user = userEvent.setup();
    mock.leadAct
      .mockResolvedValueOnce(lead({ status: 'pending', owner: 'lina', ownerName: '李娜' }))
      .mockRejectedValueOnce(new IpcFailure('conflict', 'you have claimed 20 leads in the last 24 hours, the pool’s limit; claim more tomorrow'));
    open();
    const rows = await screen.findAllByTestId('lead-row');

    await user.click(within(rows[0]).getByTestId('lead-claim'));
    await waitFor(() => expect(mock.leadAct).toHaveBeenCalledWith('l-1', { action: 'claim', reason: null, assignee: null }));
    expect(await screen.findByText('已领取 周杰')).toBeInTheDocument();
    // The click claimed; it did not open the lead.
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/leads$/);

    await user.click(within(rows[1]).getByTestId('lead-claim'));
    expect(await screen.findByText(/claimed 20 leads in the last 24 hours/)).toBeInTheDocument();
    expect(mock.leadAct).toHaveBeenLastCalledWith('l-2', { action: 'claim', reason: null, assignee: null });
  });

  test('my leads are the signed-in user’s; all leads filter by status and text; a row opens the lead', async () => {
    const user = userEvent.setup();
    open();
    await screen.findAllByTestId('lead-row');

    await user.click(screen.getByTestId('leads-tab-mine'));
    await waitFor(() =>
      expect(mock.leadList).toHaveBeenLastCalledWith({ statuses: [], owner: 'lina', text: null, limit: 50, cursor: null }),
    );

    await user.click(screen.getByTestId('leads-tab-all'));
    await user.click(screen.getByTestId('lead-status-filter-following_up'));
    await user.click(screen.getByTestId('lead-status-filter-invalid'));
    await waitFor(() =>
      expect(mock.leadList).toHaveBeenLastCalledWith({ statuses: ['following_up', 'invalid'], owner: null, text: null, limit: 50, cursor: null }),
    );
    await user.type(screen.getByTestId('leads-text-filter'), ' 139 ');
    await waitFor(() =>
      expect(mock.leadList).toHaveBeenLastCalledWith({ statuses: ['following_up', 'invalid'], owner: null, text: '139', limit: 50, cursor: null }),
    );

    await user.click(screen.getAllByTestId('lead-row')[1]);
    expect(screen.getByTestId('location')).toHaveTextContent('/leads/l-2');
  });

  test('more leads load from the cursor the last page returned', async () => {
    const user = userEvent.setup();
    mock.leadList
      .mockResolvedValueOnce({ items: POOL, nextCursor: 'c-50' })
      .mockResolvedValueOnce({ items: [lead({ id: 'l-4', name: '冯伟' })], nextCursor: null });
    open();
    await screen.findAllByTestId('lead-row');
    await user.click(screen.getByTestId('leads-load-more'));
    await waitFor(() => expect(screen.getAllByTestId('lead-row')).toHaveLength(4));
    expect(mock.leadList).toHaveBeenLastCalledWith({ statuses: ['unassigned'], owner: null, text: null, limit: 50, cursor: 'c-50' });
    expect(screen.queryByTestId('leads-load-more')).toBeNull();
  });

  test('a manager hands out the pool by the rules and is told how many went', async () => {
    const user = userEvent.setup();
    mock.leadAssignPool.mockResolvedValue(2);
    open(ADMIN);
    await screen.findAllByTestId('lead-row');
    await user.click(screen.getByTestId('lead-assign-pool'));
    await user.click(await screen.findByTestId('lead-assign-pool-confirm'));
    expect(await screen.findByText('已按规则分配 2 条线索')).toBeInTheDocument();
    expect(mock.leadAssignPool).toHaveBeenCalledTimes(1);
  });

  test('a new lead is entered through the form, empty fields sent as null', async () => {
    const user = userEvent.setup();
    mock.leadCreate.mockResolvedValue(lead({ id: 'l-9', name: '韩梅' }));
    open();
    await screen.findAllByTestId('lead-row');
    await user.click(screen.getByTestId('lead-new'));
    await user.click(await screen.findByRole('button', { name: /保\s?存/ }));
    expect(await screen.findByText('请输入联系人姓名')).toBeInTheDocument();

    await user.type(screen.getByTestId('lead-field-name'), '韩梅');
    await user.type(screen.getByTestId('lead-field-phone'), '13700002222');
    await user.type(screen.getByTestId('lead-field-province'), '广东');
    await user.click(screen.getByRole('button', { name: /保\s?存/ }));
    await waitFor(() =>
      expect(mock.leadCreate).toHaveBeenCalledWith({
        name: '韩梅', company: null, phone: '13700002222', email: null, source: null, industry: null, country: null,
        province: '广东', city: null, notes: null,
      }),
    );
    expect(await screen.findByText('已创建线索 韩梅')).toBeInTheDocument();
  });
});
