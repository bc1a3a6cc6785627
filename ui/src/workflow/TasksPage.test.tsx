import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import { ipc } from '../ipc/client';
import { renderWithProviders } from '../test/render';
import { popconfirmButton } from '../test/antdControls';
import { ADMIN, SALES_REP } from '../test/fixtures';
import { applyLanguage } from '../i18n';
import { task, type WorkflowIpcMock } from './workflowFixtures';
import { TasksPage } from './TasksPage';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createWorkflowIpcMock } = await import('./workflowFixtures');
  return { ...actual, ipc: createWorkflowIpcMock() };
});
const mock = ipc as unknown as WorkflowIpcMock;

const at = (s: string) => dayjs(s).toISOString();
const TASKS = [
  task({ id: 't-1', title: '回访张伟', dueAt: at('2026-03-01T17:00:00'), record: { kind: 'customer', id: 'c-1' }, recordLabel: '张伟' }),
  task({ id: 't-2', title: '准备报价单', dueAt: at('2026-03-02T16:00:00'), remindAt: at('2026-03-02T15:30:00'),
    record: { kind: 'opportunity', id: 'o-1' }, recordLabel: '年度设备采购' }),
  task({ id: 't-3', title: '商机即将到期 / Closing soon: 年度设备采购', dueAt: at('2026-03-05T10:00:00'), ruleId: 'rule-opportunity-closing' }),
  task({ id: 't-4', title: '整理回访名单', notes: '按区域分组' }),
];
const DONE = task({ id: 't-5', title: '发送合同草稿', dueAt: at('2026-02-27T10:00:00'), doneAt: '2026-02-28T01:00:00Z' });

beforeEach(async () => {
  vi.clearAllMocks();
  // Only the clock is fake: antd and user-event keep their real timers.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-02T10:00:00'));
  await applyLanguage('zh-CN');
  mock.taskList.mockImplementation((_record, includeDone) => Promise.resolve(includeDone ? [...TASKS, DONE] : TASKS));
  mock.userList.mockResolvedValue([ADMIN, SALES_REP]);
});
afterEach(() => {
  vi.useRealTimers();
});

const group = (key: string) => screen.getByTestId(`task-group-${key}`);

describe('the tasks page', () => {
  test('my open tasks by overdue, today, upcoming and no due date, with their records', async () => {
    renderWithProviders(<TasksPage />);
    await screen.findAllByTestId('task-row');
    expect(mock.taskList).toHaveBeenCalledWith(null, false);
    expect(group('overdue')).toHaveTextContent(/^逾期1回访张伟到期 2026-03-01 17:00已逾期\s*张伟$/);
    expect(within(group('overdue')).getByRole('link', { name: /张伟/ })).toHaveAttribute('href', '/customers/c-1');
    expect(group('today')).toHaveTextContent(/^今天1准备报价单到期 2026-03-02 16:00\s*提醒 2026-03-02 15:30\s*年度设备采购$/);
    expect(within(group('today')).getByRole('link', { name: /年度设备采购/ })).toHaveAttribute('href', '/opportunities/o-1');
    expect(group('upcoming')).toHaveTextContent('规则生成');
    expect(group('none')).toHaveTextContent('整理回访名单按区域分组');
    expect(screen.queryByTestId('task-group-done')).not.toBeInTheDocument();
  });

  test('ticks a task off, deletes one, and shows the done ones on request', async () => {
    const user = userEvent.setup();
    mock.taskComplete.mockImplementation((id, done) => Promise.resolve({ ...TASKS[0], id, doneAt: done ? '2026-03-02T02:00:00Z' : null }));
    mock.taskDelete.mockResolvedValue(null);
    renderWithProviders(<TasksPage />);
    await screen.findAllByTestId('task-row');

    await user.click(within(group('overdue')).getByTestId('task-complete'));
    await waitFor(() => expect(mock.taskComplete).toHaveBeenCalledWith('t-1', true));
    expect(await screen.findByText('已完成「回访张伟」')).toBeInTheDocument();

    await user.click(within(group('none')).getByTestId('task-delete'));
    await user.click(await popconfirmButton(/确\s*定/));
    await waitFor(() => expect(mock.taskDelete).toHaveBeenCalledWith('t-4'));

    await user.click(screen.getByTestId('tasks-show-done'));
    expect(await screen.findByTestId('task-group-done')).toHaveTextContent('发送合同草稿');
    expect(mock.taskList).toHaveBeenLastCalledWith(null, true);
    expect(within(group('done')).getByTestId('task-complete')).toBeChecked();
  });

  test('a new task: title and notes, given to someone by an administrator', async () => {
    const user = userEvent.setup();
    mock.taskCreate.mockImplementation((input) => Promise.resolve(task({ id: 't-new', title: input.title, owner: input.owner ?? 'admin' })));
    renderWithProviders(<TasksPage />);
    await screen.findAllByTestId('task-row');
    await user.click(screen.getByTestId('task-new'));
    const form = await screen.findByTestId('task-form');
    // Nothing without a title.
    await user.click(within(form).getByTestId('task-submit'));
    expect(await within(form).findByText('要做什么？', { selector: '.ant-form-item-explain-error' })).toBeInTheDocument();
    expect(mock.taskCreate).not.toHaveBeenCalled();

    await user.type(within(form).getByTestId('task-title-input'), '更新客户分级表');
    await user.type(within(form).getByTestId('task-notes-input'), '季度末前完成');
    await user.click(within(within(form).getByTestId('task-owner-input')).getByRole('combobox'));
    await user.click(await screen.findByTitle('李娜'));
    await user.click(within(form).getByTestId('task-submit'));
    await waitFor(() => expect(mock.taskCreate).toHaveBeenCalledTimes(1));
    expect(mock.taskCreate.mock.calls[0][0]).toEqual({
      title: '更新客户分级表', notes: '季度末前完成', dueAt: null, remindAt: null, owner: 'lina', record: null,
    });
    expect(await screen.findByText('已交给 lina')).toBeInTheDocument();
  });

  test('a sales rep cannot give tasks to others and is not offered to', async () => {
    const user = userEvent.setup();
    renderWithProviders(<TasksPage />, { user: SALES_REP });
    await screen.findAllByTestId('task-row');
    await user.click(screen.getByTestId('task-new'));
    const form = await screen.findByTestId('task-form');
    expect(within(form).queryByTestId('task-owner-input')).not.toBeInTheDocument();
    expect(mock.userList).not.toHaveBeenCalled();
  });

  test('says so when there is nothing to do', async () => {
    mock.taskList.mockResolvedValue([]);
    renderWithProviders(<TasksPage />);
    expect(await screen.findByText('没有待办任务')).toBeInTheDocument();
  });
});
