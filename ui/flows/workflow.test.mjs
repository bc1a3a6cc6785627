// Workflow against the built bundle in chromium, over the fake backend: the default rules listed
// in words, the VIP rule's condition edited (a refusal first), a rule switched off and run, the
// run log with its loop entry, a reminder made on a customer's page and found under /tasks, the
// bell's unread count and marking read; and the same screens in English.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backendCalls, launchBrowser, openApp, screenshot, serveDist } from './harness.mjs';

let server;
let browser;
before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`);
const ruleRow = (page, name) => byTestId(page, 'rule-row').filter({ hasText: name });
const option = (page, text) => page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();

describe('workflow', () => {
  test('the default rules are listed in words; the VIP rule’s condition is edited and saved', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/rules' });
    await byTestId(page, 'rule-row').first().waitFor();
    assert.equal(await byTestId(page, 'rule-row').count(), 3);
    assert.deepEqual(await byTestId(page, 'rule-name').allTextContents(), [
      'VIP 客户的新工单优先级为高',
      '线索 7 天未跟进退回线索池',
      '商机下周到期提醒负责人',
    ]);
    assert.equal(await byTestId(page, 'rule-builtin').count(), 3);
    const vip = ruleRow(page, 'VIP 客户的新工单');
    await vip.getByText('优先级是低或普通').waitFor();
    assert.match(await vip.textContent(), /工单.*创建时.*把优先级设为高/);
    assert.match(await ruleRow(page, '线索 7 天').textContent(), /定时每 10 分钟.*最后跟进已超过 7 天.*退回线索池/);
    assert.match(await ruleRow(page, '商机下周').textContent(), /预计成交在未来 7 天内.*给负责人创建任务「商机即将到期/);
    await screenshot(page, '60-rules-list');

    // Add "类别 是 …" without a value: the core refuses and says why; the drawer keeps the edit.
    await vip.locator('[data-testid="rule-edit"]').click();
    const editor = byTestId(page, 'rule-editor');
    await editor.waitFor();
    assert.equal(await editor.locator('[data-testid="condition-test"]').count(), 2);
    await editor.locator('[data-testid="condition-add-test"]').first().click();
    const added = editor.locator('[data-testid="condition-test"]').nth(2);
    await added.locator('[data-testid="condition-field"]').click();
    await page.keyboard.type('类别');
    await option(page, '类别').click();
    assert.equal(await added.locator('[data-testid="condition-op"]').textContent(), '是');
    await byTestId(page, 'rule-editor-save').click();
    await byTestId(page, 'rule-editor-error').getByText("'category' needs at least one value to compare with").waitFor();
    await screenshot(page, '61-rule-editor-refused');

    await added.locator('[data-testid="condition-value"]').click();
    await option(page, '投诉').click();
    await page.keyboard.press('Escape');
    await byTestId(page, 'rule-editor-save').click();
    await editor.waitFor({ state: 'detached' });
    const saves = await backendCalls(page, 'rule_save');
    assert.equal(saves.length, 2);
    assert.equal(saves[1].id, 'rule-vip-ticket');
    assert.deepEqual(saves[1].input.condition.items[2], { kind: 'test', field: 'category', op: 'is', values: ['complaint'] });
    await vip.getByText('类别是投诉').waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a rule is switched off, another run now; the run log shows the loop', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/rules' });
    const lead = ruleRow(page, '线索 7 天');
    await lead.waitFor();
    await lead.locator('[data-testid="rule-active"]').click();
    await page.waitForFunction(() => window.__FAKE_CRM__.calls.some((c) => c.cmd === 'rule_set_active'));
    assert.deepEqual((await backendCalls(page, 'rule_set_active'))[0], { id: 'rule-lead-untouched', active: false });
    await page.locator('.rule-row-off').filter({ hasText: '线索 7 天' }).waitFor();
    assert.equal(await lead.locator('[data-testid="rule-active"]').getAttribute('aria-checked'), 'false');

    // Run now goes by the condition, switched on or off: three leads untouched for a week.
    await lead.locator('[data-testid="rule-run-now"]').click();
    await lead.locator('[data-testid="rule-run-result"]').getByText('已运行：匹配 3 条，执行 3 条').waitFor();
    await lead.locator('[data-testid="rule-runs"]').getByText('3 次').waitFor();

    // The rule's own log, in a drawer.
    await lead.locator('[data-testid="rule-runs"]').click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '运行日志 · 线索 7 天未跟进退回线索池' });
    await drawer.locator('[data-testid="run-row"]').nth(2).waitFor();
    assert.equal(await drawer.locator('[data-testid="run-row"]').count(), 3);
    assert.equal(await drawer.locator('[data-testid="run-row"][data-outcome="applied"]').count(), 3);
    assert.match(await drawer.locator('[data-testid="run-row"]').first().textContent(), /已执行.*returned to the pool/);
    await screenshot(page, '62-rule-log');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // The whole log: the loop in orange with the core's words, the failure in red.
    await byTestId(page, 'rules-tab-log').click();
    const loop = page.locator('[data-testid="run-row"][data-outcome="loop"]');
    await loop.waitFor();
    assert.match(await loop.textContent(), /投诉工单更新时升级为紧急.*#1009 送货延误三天，客户投诉.*更新时.*1.*循环中止.*stopped: the rule would act again/);
    assert.equal(await page.locator('[data-testid="run-row"][data-outcome="failed"]').count(), 1);
    assert.equal(await byTestId(page, 'run-row').count(), 7);
    await screenshot(page, '63-run-log');
    await loop.locator('[data-testid="run-record"]').click();
    await page.waitForURL(/#\/tickets\/tk-1009$/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a reminder made on a customer’s page shows under /tasks and is ticked off there', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/customers/c-0001' });
    const card = byTestId(page, 'record-tasks');
    await card.locator('[data-testid="task-row"]').first().waitFor();
    assert.equal(await card.locator('[data-testid="task-row"]').count(), 2);
    // Someone else's task shows whose it is, and only its owner, maker or an admin may tick it off.
    assert.match(await card.locator('[data-testid="task-row"]').nth(1).textContent(), /电话跟进报价反馈.*负责人：李娜/);

    await card.locator('[data-testid="record-task-new"]').click();
    await card.locator('[data-testid="task-title-input"]').fill('周五前寄送样品');
    await card.locator('[data-testid="task-due-input"]').click();
    await page.keyboard.type('2031-05-09 17:00');
    await screenshot(page, '64-record-task-form');
    // Enter takes the typed time and, like in any field of the form, sends it.
    await page.keyboard.press('Enter');
    await card.locator('[data-testid="task-row"]').filter({ hasText: '周五前寄送样品' }).waitFor();
    await card.scrollIntoViewIfNeeded();
    const created = (await backendCalls(page, 'task_create'))[0].input;
    assert.equal(created.title, '周五前寄送样品');
    assert.deepEqual(created.record, { kind: 'customer', id: 'c-0001' });
    assert.equal(new Date(created.dueAt).getFullYear(), 2031);
    assert.equal(created.remindAt, null);
    await screenshot(page, '65-record-tasks');

    await byTestId(page, 'nav-tasks').click();
    const upcoming = byTestId(page, 'task-group-upcoming');
    const mine = upcoming.locator('[data-testid="task-row"]').filter({ hasText: '周五前寄送样品' });
    await mine.waitFor();
    assert.match(await mine.textContent(), /到期 2031-05-09 17:00.*张伟/);
    assert.match(await byTestId(page, 'task-group-overdue').textContent(), /逾期.*回访张伟，确认新品需求.*已逾期/);
    assert.match(await byTestId(page, 'task-group-none').textContent(), /无期限.*整理季度客户回访名单/);
    assert.equal(await byTestId(page, 'task-group-done').count(), 0);
    await screenshot(page, '66-tasks');

    await mine.locator('[data-testid="task-complete"]').click();
    await mine.waitFor({ state: 'detached' });
    await byTestId(page, 'tasks-show-done').click();
    await byTestId(page, 'task-group-done').getByText('周五前寄送样品').waitFor();
    await byTestId(page, 'task-group-done').getByText('发送合同草稿').waitFor();

    // A new task without a record, from the page itself.
    await byTestId(page, 'task-new').click();
    await page.locator('.ant-modal [data-testid="task-title-input"]').fill('更新客户分级表');
    await page.locator('.ant-modal [data-testid="task-submit"]').click();
    await byTestId(page, 'task-group-none').getByText('更新客户分级表').waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the bell counts the unread, opens a notification’s record and marks all read', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/customers' });
    const badge = byTestId(page, 'notification-unread');
    await badge.locator('.ant-badge-count').getByText('2').waitFor();
    await byTestId(page, 'notification-bell').click();
    const panel = byTestId(page, 'notification-panel');
    await panel.locator('[data-testid="notification-item"]').nth(2).waitFor();
    assert.equal(await panel.locator('[data-testid="notification-item"][data-unread="true"]').count(), 2);
    await screenshot(page, '67-notifications');

    await panel.locator('[data-testid="notification-item"][data-unread="true"]').first().click();
    await page.waitForURL(/#\/opportunities\/o-010$/);
    assert.deepEqual((await backendCalls(page, 'notification_mark_read'))[0], { ids: ['n-2'] });
    await badge.locator('.ant-badge-count').getByText('1').waitFor();
    // The opportunity's own card has the rule's task.
    await byTestId(page, 'record-tasks').getByText('商机即将到期 / Closing soon: 安防监控采购').waitFor();

    await byTestId(page, 'notification-bell').click();
    await byTestId(page, 'notification-mark-all').click();
    await page.waitForFunction(() => window.__FAKE_CRM__.calls.filter((c) => c.cmd === 'notification_mark_read').length === 2);
    assert.deepEqual((await backendCalls(page, 'notification_mark_read'))[1], { ids: [] });
    await badge.locator('.ant-badge-count').waitFor({ state: 'detached' });
    assert.equal(await panel.locator('[data-testid="notification-item"][data-unread="true"]').count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the same screens in English', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/rules', locale: 'en' });
    await byTestId(page, 'rule-row').first().waitFor();
    assert.deepEqual(await byTestId(page, 'rule-name').allTextContents(), [
      'A VIP customer\'s new ticket is high priority',
      'A lead untouched for 7 days goes back to the pool',
      'An opportunity closing next week reminds its owner',
    ]);
    await ruleRow(page, 'A lead untouched').getByText('Last touched more than 7 days ago').waitFor();
    await screenshot(page, '70-rules-list-en');
    await ruleRow(page, 'An opportunity closing').locator('[data-testid="rule-edit"]').click();
    await byTestId(page, 'rule-editor').locator('[data-testid="condition-test"]').nth(1).waitFor();
    await screenshot(page, '71-rule-editor-en');
    await page.keyboard.press('Escape');
    await byTestId(page, 'rules-tab-log').click();
    await page.locator('[data-testid="run-row"][data-outcome="loop"]').getByText('Loop stopped').waitFor();
    await screenshot(page, '72-run-log-en');
    await byTestId(page, 'nav-tasks').click();
    await byTestId(page, 'task-group-overdue').getByText('Overdue').first().waitFor();
    await screenshot(page, '73-tasks-en');
    await byTestId(page, 'notification-bell').click();
    await byTestId(page, 'notification-panel').getByText('Mark all read').waitFor();
    await screenshot(page, '74-notifications-en');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
