// The leads flows against the built bundle in chromium, over the fake backend (which plays the
// core's state machine): a rep claims a lead from the pool, follows it up and converts it into a
// new customer with an opportunity; the pool's limits refuse a claim; a manager voids, restores
// and assigns leads, runs the rules and edits the settings.
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
const row = (page, name) => byTestId(page, 'lead-row').filter({ hasText: name });

describe('leads', () => {
  test('a rep claims a lead from the pool, follows it up and converts it with an opportunity', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/leads', signedIn: 'lina' });
    await row(page, '周杰').waitFor();
    assert.equal(await byTestId(page, 'lead-row').count(), 6, 'the pool holds the six unassigned leads');
    assert.deepEqual((await backendCalls(page, 'lead_list'))[0].request, {
      statuses: ['unassigned'], owner: null, text: null, limit: 50, cursor: null,
    });
    // A rep is not offered the manager's tools.
    assert.equal(await byTestId(page, 'lead-assign-pool').count(), 0);
    await screenshot(page, 'leads-01-pool');

    await row(page, '周杰').getByTestId('lead-claim').click();
    await page.getByText('已领取 周杰').waitFor();
    await row(page, '周杰').waitFor({ state: 'detached' });

    await byTestId(page, 'leads-tab-mine').click();
    await row(page, '周杰').waitFor();
    assert.match(await row(page, '周杰').getByTestId('lead-status').textContent(), /待处理/);
    assert.equal((await backendCalls(page, 'lead_list')).at(-1).request.owner, 'lina');
    await screenshot(page, 'leads-02-mine');

    await row(page, '周杰').click();
    await byTestId(page, 'lead-title').filter({ hasText: '周杰' }).waitFor();
    assert.equal(await byTestId(page, 'lead-status').textContent(), '待处理');
    assert.equal(await byTestId(page, 'lead-owner').textContent(), '李娜');
    // Exactly what the core allows an owner of a pending lead: no assign (a manager's), no claim.
    const actions = await byTestId(page, 'lead-action-bar').locator('button').evaluateAll((bs) => bs.map((b) => b.dataset.testid));
    assert.deepEqual(actions, ['lead-action-return', 'lead-action-mark_invalid', 'lead-action-void', 'lead-action-convert']);
    await screenshot(page, 'leads-03-lead');

    await byTestId(page, 'followup-subject').fill('电话沟通，客户想看产线方案');
    await byTestId(page, 'followup-notes').fill('约下周三上门演示。');
    await byTestId(page, 'followup-submit').click();
    await byTestId(page, 'lead-status').filter({ hasText: '跟进中' }).waitFor();
    await byTestId(page, 'lead-followup').filter({ hasText: '电话沟通，客户想看产线方案' }).waitFor();
    const latest = byTestId(page, 'lead-transition').first();
    assert.match(await latest.textContent(), /跟进.*待处理.*跟进中/);

    await byTestId(page, 'lead-action-convert').click();
    await byTestId(page, 'convert-form').waitFor();
    await byTestId(page, 'convert-new-customer').click();
    assert.equal(await byTestId(page, 'convert-customer-name').inputValue(), '深圳创新科技有限公司');
    assert.ok(await byTestId(page, 'convert-create-contact').isChecked(), 'a company gets the person as a contact');
    await byTestId(page, 'convert-with-opportunity').check();
    await byTestId(page, 'convert-opportunity-name').fill('自动化产线改造');
    await byTestId(page, 'convert-opportunity-amount').fill('86,000.50');
    await screenshot(page, 'leads-04-convert');
    await byTestId(page, 'convert-submit').click();
    await byTestId(page, 'lead-customer-link').waitFor();
    await byTestId(page, 'lead-status').filter({ hasText: '已转换' }).waitFor();

    const [sent] = (await backendCalls(page, 'lead_convert')).map((a) => a.input);
    assert.equal(sent.existingCustomerId, null);
    assert.equal(sent.newCustomer.name, '深圳创新科技有限公司');
    assert.equal(sent.newCustomer.kind, 'enterprise');
    assert.equal(sent.createContact, true);
    assert.equal(sent.opportunity.amount, 8600050, 'the amount goes in fen');
    assert.equal(sent.opportunity.stageId, 'stage-initial', 'the first open stage');
    assert.match(await byTestId(page, 'lead-customer-link').textContent(), /深圳创新科技有限公司/);
    const opportunityHref = await byTestId(page, 'lead-opportunity-link').getAttribute('href');
    assert.match(opportunityHref, /^#\/opportunities\/o-\d+$/);
    // Nothing more may be done with a converted lead.
    assert.equal(await byTestId(page, 'lead-action-bar').locator('button').count(), 0);
    await screenshot(page, 'leads-05-converted');

    await byTestId(page, 'lead-customer-link').click();
    await byTestId(page, 'customer-title').filter({ hasText: '深圳创新科技有限公司' }).waitFor();
    await byTestId(page, 'contacts-card').filter({ hasText: '周杰' }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the pool’s limits refuse a claim with the core’s reason', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/leads', signedIn: 'lina' });
    await row(page, '吴敏').waitFor();
    await page.evaluate(() => {
      window.__FAKE_CRM__.leads.poolRules.dailyClaimLimit = 1;
    });
    await row(page, '吴敏').getByTestId('lead-claim').click();
    await page.getByText('已领取 吴敏').waitFor();
    await row(page, '郑爽').getByTestId('lead-claim').click();
    await page.getByText(/you have claimed 1 leads in the last 24 hours/).waitFor();
    await row(page, '郑爽').waitFor();
    await screenshot(page, 'leads-06-claim-refused');

    // The text filter narrows the list by name, company or phone.
    await byTestId(page, 'leads-text-filter').fill('远航');
    await row(page, '冯涛').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="lead-row"]').length === 1);
    assert.equal((await backendCalls(page, 'lead_list')).at(-1).request.text, '远航');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a manager voids with a reason, restores, assigns, and hands out the pool by the rules', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/leads' });
    await row(page, '韩雪').click();
    await byTestId(page, 'lead-title').filter({ hasText: '韩雪' }).waitFor();

    await byTestId(page, 'lead-action-void').click();
    // The dialog must have finished opening (its text box focused) before OK is pressed; a click
    // during the zoom-in was seen lost once on a loaded CI machine.
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'lead-reason-input');
    await byTestId(page, 'lead-reason-submit').click();
    await page.getByText('请填写原因').waitFor();
    await byTestId(page, 'lead-reason-input').fill('重复录入');
    await screenshot(page, 'leads-07-void-reason');
    await byTestId(page, 'lead-reason-submit').click();
    await byTestId(page, 'lead-status').filter({ hasText: '已作废' }).waitFor();
    assert.match(await byTestId(page, 'lead-transition').first().textContent(), /作废.*原因：重复录入/);

    await byTestId(page, 'lead-action-restore').click();
    await byTestId(page, 'lead-confirm-ok').click();
    await byTestId(page, 'lead-status').filter({ hasText: '未分配' }).waitFor();

    await byTestId(page, 'lead-action-assign').click();
    await byTestId(page, 'lead-assignee-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '李娜' }).click();
    await screenshot(page, 'leads-08-assign');
    await byTestId(page, 'lead-assign-submit').click();
    await byTestId(page, 'lead-owner').filter({ hasText: '李娜' }).waitFor();
    assert.equal(await byTestId(page, 'lead-status').textContent(), '待处理');
    assert.deepEqual((await backendCalls(page, 'lead_act')).map((a) => a.input), [
      { action: 'void', reason: '重复录入', assignee: null },
      { action: 'restore', reason: null, assignee: null },
      { action: 'assign', reason: null, assignee: 'lina' },
    ]);
    await screenshot(page, 'leads-09-assigned');

    // The rule "华南官网线索" gives Guangdong website leads to 李娜: 周杰 goes, the rest stay.
    await byTestId(page, 'nav-leads').click();
    await row(page, '周杰').waitFor();
    await byTestId(page, 'lead-assign-pool').click();
    await byTestId(page, 'lead-assign-pool-confirm').click();
    await page.getByText('已按规则分配 1 条线索').waitFor();
    await row(page, '周杰').waitFor({ state: 'detached' });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('settings: the administrator edits the pool rules and adds an assignment rule', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/settings' });
    await page.getByRole('tab', { name: /线索池规则/ }).click();
    const limit = byTestId(page, 'pool-dailyClaimLimit');
    await limit.waitFor();
    await limit.fill('30');
    await byTestId(page, 'pool-rules-save').click();
    await page.getByText('已保存线索池规则').waitFor();
    assert.deepEqual((await backendCalls(page, 'pool_rules_set'))[0].rules, {
      returnAfterDays: 7, reclaimWaitDays: 3, dailyClaimLimit: 30, openLeadLimit: 50,
    });
    await screenshot(page, 'leads-10-pool-rules');

    await page.getByRole('tab', { name: /分配规则/ }).click();
    await byTestId(page, 'rule-row').first().waitFor();
    assert.match(await byTestId(page, 'rule-row').first().textContent(), /区域 是 华南区；来源 是 官网/);
    await byTestId(page, 'rule-new').click();
    await byTestId(page, 'rule-name').fill('华东展会线索');
    await byTestId(page, 'rule-add-condition').click();
    await byTestId(page, 'rule-condition-values-0').locator('input').fill('展会');
    await page.keyboard.press('Enter');
    await byTestId(page, 'rule-target-user').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '王强' }).click();
    await screenshot(page, 'leads-11-rule-form');
    await page.getByRole('button', { name: /^保\s?存$/ }).click();
    await byTestId(page, 'rule-row').filter({ hasText: '华东展会线索' }).waitFor();
    const [saved] = (await backendCalls(page, 'assignment_rule_save')).map((a) => a.input);
    assert.deepEqual(saved, {
      name: '华东展会线索', active: true, conditions: [{ field: 'source', op: 'is', values: ['展会'] }], targetUser: 'wangqiang',
      targetUnitId: null, strategy: 'round_robin',
    });
    // The new rule comes last; moving it up sends the whole new order.
    await byTestId(page, 'rule-row').last().getByTestId('rule-up').click();
    await page.waitForFunction(() => window.__FAKE_CRM__.calls.some((c) => c.cmd === 'assignment_rule_reorder'));
    await byTestId(page, 'rule-row').nth(1).filter({ hasText: '华东展会线索' }).waitFor();
    await screenshot(page, 'leads-12-rules');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('in English: the pool, a lead and the conversion dialog', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/leads', language: 'en', locale: 'en-US' });
    await row(page, '周杰').waitFor();
    assert.equal(await byTestId(page, 'leads-tab-pool').textContent(), 'Pool');
    assert.equal(await row(page, '周杰').getByTestId('lead-status').textContent(), 'Unassigned');
    await screenshot(page, 'leads-en-01-pool');
    await byTestId(page, 'leads-tab-all').click();
    await byTestId(page, 'lead-row').nth(8).waitFor();
    await screenshot(page, 'leads-en-02-all');

    await row(page, '何磊').click();
    await byTestId(page, 'lead-status').filter({ hasText: 'Following up' }).waitFor();
    await screenshot(page, 'leads-en-03-lead');
    await byTestId(page, 'nav-leads').click();
    await byTestId(page, 'leads-tab-pool').click();
    await row(page, '李伟').click();
    await byTestId(page, 'lead-action-claim').click();
    await byTestId(page, 'lead-confirm-ok').click();
    await byTestId(page, 'lead-status').filter({ hasText: 'Pending' }).waitFor();
    await byTestId(page, 'lead-action-convert').click();
    // The lead shares its phone and name with an existing customer: offered first.
    const match = byTestId(page, 'convert-match').first();
    await match.waitFor();
    assert.match(await match.textContent(), /Same phone/);
    await match.click();
    await screenshot(page, 'leads-en-04-convert-match');
    await byTestId(page, 'convert-submit').click();
    await byTestId(page, 'lead-customer-link').waitFor();
    const [sent] = (await backendCalls(page, 'lead_convert')).map((a) => a.input);
    assert.equal(sent.existingCustomerId, 'c-0003');
    assert.equal(sent.newCustomer, null);
    assert.equal(await byTestId(page, 'lead-opportunity-link').count(), 0);
    await screenshot(page, 'leads-en-05-converted');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
