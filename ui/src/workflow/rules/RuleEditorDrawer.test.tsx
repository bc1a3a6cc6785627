import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc, type RuleInput } from '../../ipc/client';
import { renderWithProviders } from '../../test/render';
import { chooseOption } from '../../test/antdControls';
import { ADMIN, SALES_REP, TAGS } from '../../test/fixtures';
import { applyLanguage } from '../../i18n';
import { CATALOGS, DEFAULT_RULES, type WorkflowIpcMock } from '../workflowFixtures';
import { RuleEditorDrawer } from './RuleEditorDrawer';

vi.mock('../../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../ipc/client')>();
  const { createWorkflowIpcMock } = await import('../workflowFixtures');
  return { ...actual, ipc: createWorkflowIpcMock() };
});
const mock = ipc as unknown as WorkflowIpcMock;

const actionRow = (i: number) => screen.getAllByTestId('action-row')[i];
const sent = (): RuleInput => mock.ruleSave.mock.calls[mock.ruleSave.mock.calls.length - 1][1];

/** Opens the "add action" menu and reads the kinds offered, then closes it. */
async function offeredActions(user: ReturnType<typeof userEvent.setup>): Promise<string[]> {
  await user.click(screen.getByTestId('action-add'));
  const items = await screen.findAllByRole('menuitem');
  const kinds = items.map((i) => i.querySelector('[data-testid^="action-add-"]')?.getAttribute('data-testid')?.replace('action-add-', '') ?? '');
  await user.keyboard('{Escape}');
  return kinds;
}

async function addAction(user: ReturnType<typeof userEvent.setup>, kind: string) {
  await user.click(screen.getByTestId('action-add'));
  await user.click(await screen.findByTestId(`action-add-${kind}`));
}

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.ruleFields.mockImplementation((entity) => Promise.resolve(CATALOGS[entity]));
  mock.tagList.mockResolvedValue(TAGS);
  mock.userList.mockResolvedValue([ADMIN, SALES_REP]);
  mock.ruleSave.mockImplementation((id, input) => Promise.resolve({ ...DEFAULT_RULES[0], ...input, id: id ?? 'rule-new', builtin: null }));
});

describe('the rule editor', () => {
  test('a new scheduled lead rule: condition, return to the pool, sent as typed', async () => {
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    const onClose = vi.fn();
    renderWithProviders(<RuleEditorDrawer open readOnly={false} onClose={onClose} />);
    await screen.findByTestId('condition-builder');
    await user.type(screen.getByTestId('rule-editor-name'), '  线索 3 天未跟进提醒  ');
    await chooseOption(user, screen.getByTestId('rule-editor-entity'), '线索');
    await chooseOption(user, screen.getByTestId('rule-editor-trigger'), '定时');
    expect(screen.getByTestId('rule-editor-every')).toHaveValue('60');
    await user.clear(screen.getByTestId('rule-editor-every'));
    await user.type(screen.getByTestId('rule-editor-every'), '30');

    await user.click(await screen.findByTestId('condition-add-test'));
    await chooseOption(user, screen.getByTestId('condition-field'), '最后跟进');
    await user.type(screen.getByTestId('condition-value'), '3');

    // A lead can go back to the pool; it has no customer to tag and no field a rule may set.
    expect(await offeredActions(user)).toEqual(['assign', 'create_task', 'notify', 'return_to_pool']);
    await addAction(user, 'return_to_pool');
    expect(actionRow(0)).toHaveTextContent('线索回到线索池，等待重新领取或分配。');

    await user.click(screen.getByTestId('rule-editor-save'));
    await waitFor(() => expect(mock.ruleSave).toHaveBeenCalledTimes(1));
    expect(mock.ruleSave.mock.calls[0][0]).toBeNull();
    expect(sent()).toEqual({
      name: '线索 3 天未跟进提醒',
      entity: 'lead',
      trigger: 'schedule',
      everyMinutes: 30,
      condition: { kind: 'all', items: [{ kind: 'test', field: 'touched_at', op: 'older_than_days', values: ['3'] }] },
      actions: [{ kind: 'return_to_pool' }],
      active: true,
    });
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  test('a ticket’s actions: fields a rule may set with their values, a task for a named user, a tag', async () => {
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    renderWithProviders(<RuleEditorDrawer open rule={DEFAULT_RULES[0]} readOnly={false} onClose={vi.fn()} />);
    await screen.findAllByTestId('condition-test');
    expect(await offeredActions(user)).toEqual(['set_field', 'assign', 'add_tag', 'create_task', 'notify']);

    // set_field offers only what the core lets a rule set on a ticket; the values are the field's.
    await user.click(within(within(actionRow(0)).getByTestId('action-field')).getByRole('combobox'));
    await waitFor(() =>
      expect([...document.querySelectorAll('.action-field-popup .ant-select-item-option')].map((o) => o.textContent)).toEqual([
        '优先级', '类别', '客户价值等级', '客户阶段',
      ]),
    );
    await user.keyboard('{Escape}');
    await chooseOption(user, within(actionRow(0)).getByTestId('action-value'), '紧急');

    await addAction(user, 'create_task');
    await user.type(within(actionRow(1)).getByTestId('action-task-title'), '回访{{name}');
    await user.clear(within(actionRow(1)).getByTestId('action-task-due'));
    await user.type(within(actionRow(1)).getByTestId('action-task-due'), '2');
    await chooseOption(user, within(actionRow(1)).getByTestId('action-recipient'), '指定用户');
    await chooseOption(user, within(actionRow(1)).getByTestId('action-user'), '李娜 (lina)');

    await addAction(user, 'add_tag');
    await user.type(within(actionRow(2)).getByTestId('action-tag'), '投诉客户');

    await addAction(user, 'notify');
    await user.click(within(actionRow(3)).getByTestId('action-remove'));

    await user.click(screen.getByTestId('rule-editor-save'));
    await waitFor(() => expect(mock.ruleSave).toHaveBeenCalledTimes(1));
    expect(mock.ruleSave.mock.calls[0][0]).toBe('rule-vip-ticket');
    expect(sent().actions).toEqual([
      { kind: 'set_field', field: 'priority', value: 'urgent' },
      { kind: 'create_task', title: '回访{name}', due_in_days: 2, to: { kind: 'user', login: 'lina' } },
      { kind: 'add_tag', tag: '投诉客户' },
    ]);
    expect(sent().condition).toEqual(DEFAULT_RULES[0].condition);
    expect(sent().everyMinutes).toBeNull();
  });

  test('shows the core’s refusal and keeps the edit', async () => {
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    const onClose = vi.fn();
    mock.ruleSave.mockRejectedValue(new IpcFailure('invalid_input', 'a rule needs at least one action'));
    renderWithProviders(<RuleEditorDrawer open rule={DEFAULT_RULES[1]} readOnly={false} onClose={onClose} />);
    await screen.findAllByTestId('condition-test');
    await user.click(within(actionRow(0)).getByTestId('action-remove'));
    expect(screen.getByText('还没有动作')).toBeInTheDocument();
    await user.click(screen.getByTestId('rule-editor-save'));
    const error = await screen.findByTestId('rule-editor-error');
    expect(error).toHaveTextContent('规则未保存');
    expect(error).toHaveTextContent('a rule needs at least one action');
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getAllByTestId('condition-test')).toHaveLength(2);
  });

  test('another kind of record clears the condition and drops the actions it does not take', async () => {
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    renderWithProviders(<RuleEditorDrawer open rule={DEFAULT_RULES[2]} readOnly={false} onClose={vi.fn()} />);
    await screen.findAllByTestId('condition-test');
    await chooseOption(user, screen.getByTestId('rule-editor-entity'), '线索');
    await waitFor(() => expect(screen.queryAllByTestId('condition-test')).toHaveLength(0));
    // Tasks and notifications fit a lead too.
    expect(screen.getAllByTestId('action-row').map((r) => r.getAttribute('data-kind'))).toEqual(['create_task', 'notify']);
  });

  test('read-only for everyone but administrators', async () => {
    renderWithProviders(<RuleEditorDrawer open rule={DEFAULT_RULES[2]} readOnly onClose={vi.fn()} />, { user: SALES_REP });
    await screen.findAllByTestId('condition-test');
    expect(screen.queryByTestId('action-add')).not.toBeInTheDocument();
    expect(screen.queryByTestId('rule-editor-save')).not.toBeInTheDocument();
    expect(within(actionRow(0)).getByTestId('action-task-title')).toBeDisabled();
    expect(mock.userList).not.toHaveBeenCalled();
  });
});
