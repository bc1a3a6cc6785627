import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ipc } from '../ipc/client';
import { renderWithProviders } from '../test/render';
import { applyLanguage } from '../i18n';
import { notification, type WorkflowIpcMock } from './workflowFixtures';
import { NotificationBell } from './NotificationBell';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createWorkflowIpcMock } = await import('./workflowFixtures');
  return { ...actual, ipc: createWorkflowIpcMock() };
});
const mock = ipc as unknown as WorkflowIpcMock;

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const ITEMS = [
  notification({ id: 'n-3', kind: 'reminder', title: '回访张伟', body: 'due 2026-03-02T09:00:00Z', at: minutesAgo(5) }),
  notification({ id: 'n-2', kind: 'rule', title: '商机「年度设备采购」预计一周内成交', body: '商机下周到期提醒负责人',
    record: { kind: 'opportunity', id: 'o-1' }, at: minutesAgo(120) }),
  notification({ id: 'n-1', kind: 'assignment', title: '跟进续约', body: 'from wangqiang', record: null, at: minutesAgo(3 * 24 * 60),
    readAt: minutesAgo(60) }),
];

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.notificationList.mockResolvedValue({ items: ITEMS, unread: 2 });
  mock.notificationMarkRead.mockResolvedValue(1);
});

describe('the notification bell', () => {
  test('counts the unread; lists the latest with kind, time, unread first in bold', async () => {
    const user = userEvent.setup();
    renderWithProviders(<NotificationBell />);
    await waitFor(() => expect(screen.getByTestId('notification-unread')).toHaveTextContent('2'));
    expect(mock.notificationList).toHaveBeenCalledWith(30);
    expect(screen.getByTestId('notification-bell')).toHaveAccessibleName('通知（2 条未读）');

    await user.click(screen.getByTestId('notification-bell'));
    const items = await screen.findAllByTestId('notification-item');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent('回访张伟due 2026-03-02T09:00:00Z5 分钟前');
    expect(items[0]).toHaveAttribute('data-unread', 'true');
    expect(items[0]).toHaveClass('notification-unread');
    expect(items[1]).toHaveTextContent('2 小时前');
    expect(items[2]).toHaveTextContent('3 天前');
    expect(items[2]).toHaveAttribute('data-unread', 'false');
    expect(within(items[0]).getByTitle('提醒')).toBeInTheDocument();
    expect(within(items[1]).getByTitle('规则')).toBeInTheDocument();
    expect(within(items[2]).getByTitle('分派')).toBeInTheDocument();
  });

  test('a click marks it read and opens its record', async () => {
    const user = userEvent.setup();
    renderWithProviders(<NotificationBell />);
    await user.click(await screen.findByTestId('notification-bell'));
    await user.click((await screen.findAllByTestId('notification-item'))[1]);
    await waitFor(() => expect(mock.notificationMarkRead).toHaveBeenCalledWith(['n-2']));
    expect(screen.getByTestId('location')).toHaveTextContent('/opportunities/o-1');
    // Refetched at once, not at the next minute.
    await waitFor(() => expect(mock.notificationList).toHaveBeenCalledTimes(2));
  });

  test('a read one without a record changes nothing', async () => {
    const user = userEvent.setup();
    renderWithProviders(<NotificationBell />, { route: '/tasks' });
    await user.click(await screen.findByTestId('notification-bell'));
    await user.click((await screen.findAllByTestId('notification-item'))[2]);
    expect(mock.notificationMarkRead).not.toHaveBeenCalled();
    expect(screen.getByTestId('location')).toHaveTextContent('/tasks');
  });

  test('marks all read', async () => {
    const user = userEvent.setup();
    renderWithProviders(<NotificationBell />);
    await user.click(await screen.findByTestId('notification-bell'));
    await user.click(await screen.findByTestId('notification-mark-all'));
    await waitFor(() => expect(mock.notificationMarkRead).toHaveBeenCalledWith([]));
  });

  test('nothing unread: no count, mark all read disabled, the empty state', async () => {
    const user = userEvent.setup();
    mock.notificationList.mockResolvedValue({ items: [], unread: 0 });
    renderWithProviders(<NotificationBell />);
    await user.click(await screen.findByTestId('notification-bell'));
    expect(await screen.findByText('没有通知')).toBeInTheDocument();
    expect(screen.getByTestId('notification-mark-all')).toBeDisabled();
    expect(screen.getByTestId('notification-unread').querySelector('.ant-badge-count')).toBeNull();
  });
});
