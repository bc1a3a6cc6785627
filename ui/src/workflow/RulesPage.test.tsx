import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc } from '../ipc/client';
import { renderWithProviders } from '../test/render';
import { popconfirmButton } from '../test/antdControls';
import { SALES_REP } from '../test/fixtures';
import { applyLanguage } from '../i18n';
import { CATALOGS, DEFAULT_RULES, run, type WorkflowIpcMock } from './workflowFixtures';
import { RulesPage } from './RulesPage';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createWorkflowIpcMock } = await import('./workflowFixtures');
  return { ...actual, ipc: createWorkflowIpcMock() };
});
const mock = ipc as unknown as WorkflowIpcMock;

const row = (name: string) => screen.getAllByTestId('rule-row').find((r) => r.textContent?.includes(name))!;

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.ruleList.mockResolvedValue(DEFAULT_RULES);
  mock.ruleFields.mockImplementation((entity) => Promise.resolve(CATALOGS[entity]));
  mock.ruleRuns.mockResolvedValue([]);
});

describe('the rules page', () => {
  test('lists the default rules with trigger, condition and actions in words', async () => {
    renderWithProviders(<RulesPage />);
    await waitFor(() => expect(screen.getAllByTestId('rule-name').map((n) => n.textContent)).toEqual([
      'VIP 客户的新工单优先级为高',
      '线索 7 天未跟进退回线索池',
      '商机下周到期提醒负责人',
    ]));
    expect(screen.getAllByTestId('rule-builtin')).toHaveLength(3);
    const vip = row('VIP 客户');
    expect(vip).toHaveTextContent('工单');
    expect(vip).toHaveTextContent('创建时');
    await waitFor(() => expect(within(vip).getByTestId('rule-summary')).toHaveTextContent('如果客户阶段是VIP 且 优先级是低或普通那么把优先级设为高'));
    expect(vip).toHaveTextContent('4 次');
    expect(vip).toHaveTextContent('从未运行');
    expect(row('线索 7 天')).toHaveTextContent('定时每 10 分钟');
    expect(row('线索 7 天')).toHaveTextContent('退回线索池');
    expect(row('商机下周')).toHaveTextContent('给负责人创建任务「商机即将到期 / Closing soon: {name}」；通知负责人：商机「{name}」预计一周内成交');
    expect(within(row('商机下周')).getByTestId('rule-active')).toHaveAttribute('aria-checked', 'false');
    expect(mock.ruleFields.mock.calls.map((c) => c[0]).sort()).toEqual(['lead', 'opportunity', 'ticket']);
  });

  test('the administrator switches a rule, runs one now and deletes one', async () => {
    const user = userEvent.setup();
    mock.ruleSetActive.mockImplementation((id, active) => Promise.resolve({ ...DEFAULT_RULES[2], id, active }));
    mock.ruleRunNow.mockResolvedValue({ rulesRun: 1, matched: 5, acted: 2, reminders: 0, changed: [] });
    mock.ruleDelete.mockResolvedValue(null);
    renderWithProviders(<RulesPage />);
    await screen.findAllByTestId('rule-row');

    await user.click(within(row('商机下周')).getByTestId('rule-active'));
    await waitFor(() => expect(mock.ruleSetActive).toHaveBeenCalledWith('rule-opportunity-closing', true));
    expect(await screen.findByText('已启用「商机下周到期提醒负责人」')).toBeInTheDocument();

    await user.click(within(row('线索 7 天')).getByTestId('rule-run-now'));
    await waitFor(() => expect(mock.ruleRunNow).toHaveBeenCalledWith('rule-lead-untouched'));
    expect(await within(row('线索 7 天')).findByTestId('rule-run-result')).toHaveTextContent('已运行：匹配 5 条，执行 2 条');

    await user.click(within(row('VIP 客户')).getByTestId('rule-delete'));
    expect(screen.getByText('这是系统默认规则，删除后不会自动恢复。')).toBeInTheDocument();
    await user.click(await popconfirmButton(/确\s*定/));
    await waitFor(() => expect(mock.ruleDelete).toHaveBeenCalledWith('rule-vip-ticket'));
  });

  test('a refused switch says why', async () => {
    const user = userEvent.setup();
    mock.ruleSetActive.mockRejectedValue(new IpcFailure('forbidden', 'only an administrator may do this'));
    renderWithProviders(<RulesPage />);
    await screen.findAllByTestId('rule-row');
    await user.click(within(row('VIP 客户')).getByTestId('rule-active'));
    expect(await screen.findByText('操作失败：only an administrator may do this')).toBeInTheDocument();
  });

  test('everyone else reads: no new rule, switches off limits, a view instead of edit', async () => {
    const user = userEvent.setup();
    renderWithProviders(<RulesPage />, { user: SALES_REP });
    await screen.findAllByTestId('rule-row');
    expect(screen.getByText('只有管理员可以修改规则。')).toBeInTheDocument();
    expect(screen.queryByTestId('rule-new')).not.toBeInTheDocument();
    expect(screen.queryByTestId('rule-edit')).not.toBeInTheDocument();
    expect(screen.queryByTestId('rule-run-now')).not.toBeInTheDocument();
    for (const s of screen.getAllByTestId('rule-active')) expect(s).toBeDisabled();

    await user.click(within(row('VIP 客户')).getByTestId('rule-view'));
    const editor = await screen.findByTestId('rule-editor');
    await within(editor).findAllByTestId('condition-test');
    expect(within(editor).queryByTestId('condition-add-test')).not.toBeInTheDocument();
    expect(within(editor).queryByTestId('rule-editor-save')).not.toBeInTheDocument();
    expect(within(editor).getByTestId('rule-editor-name')).toBeDisabled();
  });

  test('the run log shows each run’s record, trigger, depth and outcome, and loads older runs', async () => {
    const user = userEvent.setup();
    const page = Array.from({ length: 50 }, (_, i) => run({ seq: 100 - i }));
    page[0] = run({ seq: 100, outcome: 'loop', depth: 2, trigger: 'updated', detail: 'stopped: the rule would act again on the same record (A → A)' });
    page[1] = run({ seq: 99, outcome: 'failed', entity: 'lead', recordId: 'l-1', recordLabel: '周杰', trigger: 'schedule', detail: 'failed: no assignment rule takes this lead' });
    mock.ruleRuns.mockImplementation((_rule, _record, before) =>
      Promise.resolve(before === null ? page : [run({ seq: 10, ruleName: '已删除的规则', ruleId: 'gone' })]),
    );
    renderWithProviders(<RulesPage />, { route: '/rules?tab=log' });
    const rows = await screen.findAllByTestId('run-row');
    expect(rows).toHaveLength(50);
    expect(mock.ruleRuns).toHaveBeenCalledWith(null, null, null, 50);
    expect(rows[0]).toHaveAttribute('data-outcome', 'loop');
    expect(rows[0]).toHaveTextContent('VIP 客户的新工单优先级为高');
    expect(rows[0]).toHaveTextContent('更新时');
    expect(rows[0]).toHaveTextContent('循环中止stopped: the rule would act again on the same record (A → A)');
    expect(rows[1]).toHaveTextContent('失败failed: no assignment rule takes this lead');
    expect(within(rows[1]).getByRole('link', { name: /周杰/ })).toHaveAttribute('href', '/leads/l-1');
    expect(within(rows[2]).getByRole('link', { name: /#1 打印机无法联网/ })).toHaveAttribute('href', '/tickets/tk-1');

    await user.click(screen.getByTestId('runs-load-more'));
    await waitFor(() => expect(screen.getAllByTestId('run-row')).toHaveLength(51));
    expect(mock.ruleRuns).toHaveBeenLastCalledWith(null, null, 51, 50);
    expect(screen.getAllByTestId('run-row')[50]).toHaveTextContent('已删除的规则');
    expect(screen.queryByTestId('runs-load-more')).not.toBeInTheDocument();
  });

  test('a rule’s own log opens from its runs', async () => {
    const user = userEvent.setup();
    mock.ruleRuns.mockResolvedValue([run({ seq: 3 })]);
    renderWithProviders(<RulesPage />);
    await screen.findAllByTestId('rule-row');
    await user.click(within(row('VIP 客户')).getByTestId('rule-runs'));
    expect(await screen.findByText('运行日志 · VIP 客户的新工单优先级为高')).toBeInTheDocument();
    await waitFor(() => expect(mock.ruleRuns).toHaveBeenCalledWith('rule-vip-ticket', null, null, 50));
    expect(await screen.findAllByTestId('run-row')).toHaveLength(1);
  });
});
