import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ipc, type AssignmentRule } from '../../ipc/client';
import type { IpcMock } from '../../test/ipcMock';
import { ADMIN, ORG_UNITS, SALES_REP, TERRITORIES, user as makeUser } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import type { UserEvent } from '@testing-library/user-event';
import { chooseOption, popconfirmButton } from '../../test/antdControls';
import { applyLanguage } from '../../i18n';
import { AssignmentRulesPanel } from './AssignmentRulesPanel';
import { ASSIGNEES } from '../leadFixtures';

vi.mock('../../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../ipc/client')>();
  const { createIpcMock } = await import('../../test/ipcMock');
  return { ...actual, ipc: createIpcMock() };
});
const mock = ipc as unknown as IpcMock;
const MANAGER = makeUser({ id: 'u-m', login: 'wangqiang', displayName: '王强', role: 'manager', unitId: 'o-sales' });

const RULES: AssignmentRule[] = [
  {
    id: 'r-1', name: '华东官网线索', position: 1, active: true, targetUser: 'lina', targetUnitId: null, targetName: '李娜',
    strategy: 'round_robin',
    conditions: [{ field: 'territory', op: 'is', values: ['t-east'] }, { field: 'source', op: 'is', values: ['官网', '展会'] }],
  },
  {
    id: 'r-2', name: '导入线索', position: 2, active: false, targetUser: null, targetUnitId: 'o-sales-1', targetName: '销售一部',
    strategy: 'least_loaded', conditions: [{ field: 'origin', op: 'is', values: ['import'] }, { field: 'email', op: 'is_empty', values: [] }],
  },
];

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.assignmentRuleList.mockResolvedValue(RULES);
  mock.territoryList.mockResolvedValue(TERRITORIES);
  mock.orgList.mockResolvedValue(ORG_UNITS);
  mock.leadAssignees.mockResolvedValue(ASSIGNEES);
  mock.assignmentRuleSave.mockImplementation((id, input) =>
    Promise.resolve({ ...RULES[0], ...input, id: id ?? 'r-new', targetName: '', conditions: input.conditions ?? [] }),
  );
});

/**
 * Several condition rows offer the same options; pick from the dropdown just opened (the others
 * stay in the document, hidden).
 */
async function pickInRow(user: UserEvent, select: HTMLElement, label: string) {
  await user.click(within(select).getByRole('combobox'));
  await waitFor(() => expect(document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')).not.toBeNull());
  const open = [...document.querySelectorAll<HTMLElement>('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')].at(-1)!;
  await user.click(within(open).getByTitle(label));
}

describe('AssignmentRulesPanel', () => {
  test('lists the rules in order with their conditions, target and strategy in words', async () => {
    renderWithProviders(<AssignmentRulesPanel />, { user: MANAGER });
    const rows = await screen.findAllByTestId('rule-row');
    await waitFor(() => expect(rows[0]).toHaveTextContent('区域 是 华东区；来源 是 官网、展会'));
    expect(rows[0]).toHaveTextContent('李娜');
    // A single person needs no strategy.
    expect(rows[0]).not.toHaveTextContent('轮流分配');
    expect(rows[1]).toHaveTextContent('录入方式 是 批量导入；邮箱 为空');
    expect(rows[1]).toHaveTextContent('销售一部');
    expect(rows[1]).toHaveTextContent('在手线索最少优先');
  });

  test('a new rule is sent with its conditions, one target and the strategy', async () => {
    const user = userEvent.setup();
    renderWithProviders(<AssignmentRulesPanel />, { user: MANAGER });
    await screen.findAllByTestId('rule-row');
    await user.click(screen.getByTestId('rule-new'));
    await user.type(await screen.findByTestId('rule-name'), '华南展会线索');

    await user.click(screen.getByTestId('rule-add-condition'));
    const values0 = await screen.findByTestId('rule-condition-values-0');
    await user.type(within(values0).getByRole('combobox'), '展会{Enter}官网{Enter}');

    await user.click(screen.getByTestId('rule-add-condition'));
    await chooseOption(user, await screen.findByTestId('rule-condition-field-1'), '区域');
    await chooseOption(user, await screen.findByTestId('rule-condition-values-1'), '北美');

    await user.click(screen.getByTestId('rule-add-condition'));
    await pickInRow(user, await screen.findByTestId('rule-condition-field-2'), '邮箱');
    await pickInRow(user, screen.getByTestId('rule-condition-op-2'), '不为空');

    await chooseOption(user, screen.getByTestId('rule-target-user'), '李娜 · 华南销售组');
    expect(screen.getByTestId('rule-strategy').closest('.ant-form-item')).toHaveClass('ant-form-item-hidden');
    await user.click(screen.getByRole('button', { name: /^保\s?存$/ }));

    await waitFor(() =>
      expect(mock.assignmentRuleSave).toHaveBeenCalledWith(null, {
        name: '华南展会线索',
        active: true,
        conditions: [
          { field: 'source', op: 'is', values: ['展会', '官网'] },
          { field: 'territory', op: 'is', values: ['t-us'] },
          { field: 'email', op: 'is_not_empty', values: [] },
        ],
        targetUser: 'lina',
        targetUnitId: null,
        strategy: 'round_robin',
      }),
    );
  });

  test('a condition without values and a rule without a target are refused before sending', async () => {
    const user = userEvent.setup();
    renderWithProviders(<AssignmentRulesPanel />, { user: MANAGER });
    await screen.findAllByTestId('rule-row');
    await user.click(screen.getByTestId('rule-new'));
    await user.type(await screen.findByTestId('rule-name'), '空规则');
    await user.click(screen.getByTestId('rule-add-condition'));
    await user.click(screen.getByRole('button', { name: /^保\s?存$/ }));
    expect(await screen.findByText('请至少填写一个值')).toBeInTheDocument();
    expect(await screen.findByText('请选择分配对象')).toBeInTheDocument();
    expect(mock.assignmentRuleSave).not.toHaveBeenCalled();
  });

  test('editing a rule can give its leads to a unit instead, sending only the unit', async () => {
    const user = userEvent.setup();
    renderWithProviders(<AssignmentRulesPanel />, { user: ADMIN });
    const rows = await screen.findAllByTestId('rule-row');
    await user.click(within(rows[0]).getByTestId('rule-edit'));
    expect(await screen.findByTestId('rule-name')).toHaveValue('华东官网线索');
    await user.click(screen.getByText('部门中的销售'));
    await chooseOption(user, await screen.findByTestId('rule-target-unit'), '销售一部');
    await user.click(within(screen.getByTestId('rule-strategy')).getByText('在手线索最少优先'));
    await user.click(screen.getByRole('button', { name: /^保\s?存$/ }));
    await waitFor(() =>
      expect(mock.assignmentRuleSave).toHaveBeenCalledWith('r-1', {
        name: '华东官网线索', active: true, conditions: RULES[0].conditions, targetUser: null, targetUnitId: 'o-sales-1',
        strategy: 'least_loaded',
      }),
    );
  });

  test('moving, switching off and deleting rules', async () => {
    const user = userEvent.setup();
    // What the core answers from then on.
    mock.assignmentRuleReorder.mockImplementation(() => {
      mock.assignmentRuleList.mockResolvedValue([RULES[1], RULES[0]]);
      return Promise.resolve([RULES[1], RULES[0]]);
    });
    mock.assignmentRuleDelete.mockResolvedValue(null);
    renderWithProviders(<AssignmentRulesPanel />, { user: MANAGER });
    const rows = await screen.findAllByTestId('rule-row');
    expect(within(rows[0]).getByTestId('rule-up')).toBeDisabled();
    await user.click(within(rows[0]).getByTestId('rule-down'));
    await waitFor(() => expect(mock.assignmentRuleReorder).toHaveBeenCalledWith(['r-2', 'r-1']));
    await waitFor(() => expect(screen.getAllByTestId('rule-row')[0]).toHaveTextContent('导入线索'));

    await user.click(within(screen.getAllByTestId('rule-row')[1]).getByTestId('rule-active-toggle'));
    await waitFor(() => expect(mock.assignmentRuleSave).toHaveBeenCalledWith('r-1', expect.objectContaining({ active: false })));

    await user.click(within(screen.getAllByTestId('rule-row')[0]).getByTestId('rule-delete'));
    await user.click(await popconfirmButton(/删\s?除/));
    await waitFor(() => expect(mock.assignmentRuleDelete).toHaveBeenCalledWith('r-2'));
  });

  test('a sales rep is told whose the rules are, and the list is not asked for', async () => {
    renderWithProviders(<AssignmentRulesPanel />, { user: SALES_REP });
    expect(await screen.findByText('只有经理和管理员可以查看和修改分配规则。')).toBeInTheDocument();
    expect(mock.assignmentRuleList).not.toHaveBeenCalled();
  });
});
