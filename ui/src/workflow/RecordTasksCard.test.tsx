import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc } from '../ipc/client';
import { renderWithProviders } from '../test/render';
import { ADMIN, SALES_REP } from '../test/fixtures';
import { applyLanguage } from '../i18n';
import { task, type WorkflowIpcMock } from './workflowFixtures';
import { RecordTasksCard } from './RecordTasksCard';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createWorkflowIpcMock } = await import('./workflowFixtures');
  return { ...actual, ipc: createWorkflowIpcMock() };
});
const mock = ipc as unknown as WorkflowIpcMock;

const ON_RECORD = { record: { kind: 'customer', id: 'c-1' }, recordLabel: '张伟' };
const TASKS = [
  task({ id: 't-1', title: '回访张伟', owner: 'admin', ...ON_RECORD }),
  task({ id: 't-2', title: '电话跟进报价反馈', owner: 'lina', createdBy: 'wangqiang', ...ON_RECORD }),
];

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.taskList.mockResolvedValue(TASKS);
  mock.userList.mockResolvedValue([ADMIN, SALES_REP]);
});

describe('the tasks card on a record', () => {
  test('lists the record’s open tasks, with whose they are when not mine', async () => {
    renderWithProviders(<RecordTasksCard kind="customer" id="c-1" />);
    const rows = await screen.findAllByTestId('task-row');
    expect(mock.taskList).toHaveBeenCalledWith('c-1', false);
    expect(rows[0]).not.toHaveTextContent('负责人');
    await waitFor(() => expect(rows[1]).toHaveTextContent('负责人：李娜'));
    // The record is the page itself: no link to it.
    expect(within(rows[0]).queryByRole('link')).not.toBeInTheDocument();
  });

  test('“remind me” makes a task on the record', async () => {
    const user = userEvent.setup();
    mock.taskCreate.mockImplementation((input) => Promise.resolve(task({ id: 't-new', title: input.title, ...ON_RECORD })));
    renderWithProviders(<RecordTasksCard kind="opportunity" id="o-7" />);
    await screen.findAllByTestId('task-row');
    await user.click(screen.getByTestId('record-task-new'));
    const form = await screen.findByTestId('task-form');
    expect(within(form).queryByTestId('task-notes-input')).not.toBeInTheDocument();
    await user.type(within(form).getByTestId('task-title-input'), '周五前寄送样品');
    await user.click(within(form).getByTestId('task-submit'));
    await waitFor(() => expect(mock.taskCreate).toHaveBeenCalledTimes(1));
    expect(mock.taskCreate.mock.calls[0][0]).toEqual({
      title: '周五前寄送样品', notes: null, dueAt: null, remindAt: null, owner: null, record: { kind: 'opportunity', id: 'o-7' },
    });
    await waitFor(() => expect(screen.queryByTestId('task-form')).not.toBeInTheDocument());
  });

  test('a refused task keeps the form and says why', async () => {
    const user = userEvent.setup();
    mock.taskCreate.mockRejectedValue(new IpcFailure('forbidden', 'outside your territories'));
    renderWithProviders(<RecordTasksCard kind="lead" id="l-1" />);
    await screen.findAllByTestId('task-row');
    await user.click(screen.getByTestId('record-task-new'));
    await user.type(screen.getByTestId('task-title-input'), '回电');
    await user.click(screen.getByTestId('task-submit'));
    expect(await screen.findByText('操作失败：outside your territories')).toBeInTheDocument();
    expect(screen.getByTestId('task-title-input')).toHaveValue('回电');
  });

  test('a sales rep handles only his own tasks and picks no owner', async () => {
    const user = userEvent.setup();
    renderWithProviders(<RecordTasksCard kind="customer" id="c-1" />, { user: SALES_REP });
    const rows = await screen.findAllByTestId('task-row');
    // 回访张伟 is the admin's own: the sales rep neither ticks it off nor deletes it.
    expect(within(rows[0]).getByTestId('task-complete')).toBeDisabled();
    expect(within(rows[0]).queryByTestId('task-delete')).not.toBeInTheDocument();
    expect(within(rows[1]).getByTestId('task-delete')).toBeInTheDocument();
    await user.click(screen.getByTestId('record-task-new'));
    expect(screen.queryByTestId('task-owner-input')).not.toBeInTheDocument();
  });

  test('read-only (e.g. a customer in the trash): the tasks show, nothing is done with them', async () => {
    renderWithProviders(<RecordTasksCard kind="customer" id="c-1" readOnly />);
    const rows = await screen.findAllByTestId('task-row');
    expect(screen.queryByTestId('record-task-new')).not.toBeInTheDocument();
    expect(within(rows[0]).queryByTestId('task-delete')).not.toBeInTheDocument();
  });

  test('says so when the record has no open tasks', async () => {
    mock.taskList.mockResolvedValue([]);
    renderWithProviders(<RecordTasksCard kind="ticket" id="tk-1" />);
    expect(await screen.findByText('这条记录没有待办任务')).toBeInTheDocument();
  });
});
