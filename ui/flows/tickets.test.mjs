// The ticket screens against the built bundle in chromium, over the fake backend: the queue's
// tabs and counts, an agent working a ticket from taking it to the customer's rating, a manager
// assigning, a new ticket from the customer's page (where the VIP rule and the routing act), and
// the same screens in English.
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
const rows = (page) => byTestId(page, 'ticket-row');
const numbers = async (page) => (await page.locator('[data-testid="ticket-row"] .ticket-number').allTextContents()).map((n) => n.slice(1));
/** Waits until the table shows exactly these ticket numbers, in this order. */
async function expectNumbers(page, expected) {
  for (let i = 0; i < 50; i++) {
    if (JSON.stringify(await numbers(page)) === JSON.stringify(expected)) return;
    await page.waitForTimeout(100);
  }
  assert.deepEqual(await numbers(page), expected);
}
async function pick(page, testId, text) {
  await byTestId(page, testId).click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').getByText(text, { exact: true }).click();
}
const status = (page) => page.locator('.ticket-header [data-testid="ticket-status"]');
async function act(page, action, note) {
  await byTestId(page, `ticket-action-${action}`).click();
  if (note !== undefined) {
    await byTestId(page, 'action-note').fill(note);
    await byTestId(page, 'action-note-ok').click();
    await byTestId(page, 'action-note').waitFor({ state: 'detached' });
  }
}
async function reply(page, kind, body) {
  await byTestId(page, 'ticket-reply-kind').getByText(kind, { exact: true }).click();
  await byTestId(page, 'ticket-reply-body').fill(body);
  await byTestId(page, 'ticket-reply-send').click();
  await byTestId(page, 'ticket-message').filter({ hasText: body }).waitFor();
}

describe('tickets', () => {
  test('the queue: tabs with counts, most urgent first, filters', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/tickets' });
    await rows(page).first().waitFor();
    // Open tickets by resolution due: #1014 is overdue, #1001 due within the hour.
    await expectNumbers(page, ['1014', '1001', '1002', '1011', '1004', '1006', '1007', '1015', '1003', '1005', '1012']);
    assert.equal(await byTestId(page, 'tickets-count-queue').textContent(), '11');
    assert.equal(await byTestId(page, 'tickets-count-mine').textContent(), '2');
    assert.equal(await byTestId(page, 'tickets-count-unassigned').textContent(), '3');
    assert.equal(await byTestId(page, 'tickets-count-breached').textContent(), '3');
    assert.match(await byTestId(page, 'tickets-due-soon').textContent(), /1 张即将超时/);
    const first = rows(page).first();
    assert.equal(await first.locator('[data-testid="ticket-resolution"]').getAttribute('data-state'), 'breached');
    assert.match(await first.locator('[data-testid="ticket-resolution"]').textContent(), /超时 1 小时/);
    assert.equal(await rows(page).nth(1).locator('[data-testid="ticket-resolution"]').getAttribute('data-state'), 'due_soon');
    assert.equal(await rows(page).nth(4).locator('[data-testid="ticket-resolution"]').getAttribute('data-state'), 'paused');
    await screenshot(page, 'tickets-01-queue');

    await byTestId(page, 'tickets-tab-breached').click();
    await expectNumbers(page, ['1014', '1002', '1006']);
    await byTestId(page, 'tickets-tab-unassigned').click();
    await expectNumbers(page, ['1006', '1003', '1012']);
    await byTestId(page, 'tickets-tab-mine').click();
    await expectNumbers(page, ['1014', '1015']);
    assert.match(page.url(), /tab=mine/);

    // All tickets, newest first; then only the closed ones, then only the urgent of those.
    await byTestId(page, 'tickets-tab-all').click();
    await expectNumbers(page, ['1015', '1014', '1013', '1012', '1011', '1010', '1009', '1008', '1007', '1006', '1005', '1004', '1003', '1002', '1001']);
    await byTestId(page, 'ticket-status-filter-closed').click();
    await expectNumbers(page, ['1013', '1010', '1009']);
    await pick(page, 'ticket-priority-filter', '高');
    await expectNumbers(page, ['1009']);
    const request = (await backendCalls(page, 'ticket_list')).at(-1).request;
    assert.deepEqual(request, { view: 'all', statuses: ['closed'], priority: 'high', limit: 50, cursor: null });
    await screenshot(page, 'tickets-02-all-filtered');

    // A row opens the ticket; the breadcrumb leads back to the same tab.
    await rows(page).first().click();
    await byTestId(page, 'ticket-title').filter({ hasText: '送货延误三天' }).waitFor();
    await page.locator('.ticket-header .ant-breadcrumb a').click();
    await rows(page).first().waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('an agent takes a ticket, answers, waits on the customer, resolves, closes and records the rating', async () => {
    const { page, context, errors } = await openApp(browser, server.url, {
      hash: '#/tickets?tab=unassigned', serviceAgents: true, signedIn: 'zhaomin',
    });
    await rows(page).filter({ hasText: '咨询年度维保套餐的价格' }).click();
    await byTestId(page, 'ticket-title').filter({ hasText: '#1003' }).waitFor();
    // An agent may only take an unassigned ticket, and not edit it before it is his.
    assert.deepEqual(await byTestId(page, 'ticket-actions').locator('button').evaluateAll((b) => b.map((x) => x.dataset.testid)), ['ticket-action-take']);
    await act(page, 'take');
    await status(page).filter({ hasText: '已分配' }).waitFor();
    assert.match(await byTestId(page, 'ticket-assignee').textContent(), /赵敏/);
    assert.deepEqual((await backendCalls(page, 'ticket_act'))[0], { id: 'tk-1003', input: { action: 'assign', assignee: null, note: null } });
    await act(page, 'start');
    await status(page).filter({ hasText: '处理中' }).waitFor();

    // The first answer meets the first-response clock.
    assert.equal(await byTestId(page, 'ticket-sla-firstResponse-state').textContent(), '进行中');
    await reply(page, '回复客户', '您好，维保套餐分基础版和全包版，报价单已发到您的邮箱。');
    await byTestId(page, 'ticket-sla-firstResponse-state').filter({ hasText: '已达成' }).waitFor();
    await reply(page, '内部备注', '客户对全包版更感兴趣，下周回访');

    // Waiting on the customer pauses the resolution clock; the customer's answer resumes it.
    await act(page, 'wait', '等客户确认选哪个套餐');
    await status(page).filter({ hasText: '等待客户' }).waitFor();
    await byTestId(page, 'ticket-sla-resolution-state').filter({ hasText: '已暂停' }).waitFor();
    await byTestId(page, 'ticket-sla-waiting').waitFor();
    await reply(page, '客户回复', '我们选全包版，请安排签约。');
    await status(page).filter({ hasText: '处理中' }).waitFor();
    assert.equal(await byTestId(page, 'ticket-sla-waiting').count(), 0);

    await byTestId(page, 'ticket-attachment-path').fill('/home/zhaomin/文档/全包版报价单.pdf');
    await byTestId(page, 'ticket-attachment-add').click();
    await byTestId(page, 'ticket-attachment').filter({ hasText: '全包版报价单.pdf' }).waitFor();
    await screenshot(page, 'tickets-03-working');

    await act(page, 'resolve', '已签约，套餐生效');
    await status(page).filter({ hasText: '已解决' }).waitFor();
    await byTestId(page, 'ticket-sla-resolution-state').filter({ hasText: '已达成' }).waitFor();
    // Resolved: answers need reopening, notes still go in.
    await page.getByText('只能添加内部备注', { exact: false }).waitFor();
    await act(page, 'close', '');
    await status(page).filter({ hasText: '已关闭' }).waitFor();

    await byTestId(page, 'ticket-rating-stars').locator('.ant-rate-star').nth(4).click();
    await byTestId(page, 'ticket-rating-comment').fill('响应很快，讲解清楚。');
    await byTestId(page, 'ticket-rating-submit').click();
    await byTestId(page, 'ticket-rating-given').filter({ hasText: '5 / 5' }).waitFor();
    assert.deepEqual(await backendCalls(page, 'ticket_rate'), [{ id: 'tk-1003', rating: 5, comment: '响应很快，讲解清楚。' }]);
    assert.deepEqual(await byTestId(page, 'ticket-actions').locator('button').evaluateAll((b) => b.map((x) => x.dataset.testid)), [
      'ticket-action-reopen', 'ticket-edit',
    ]);
    const history = await byTestId(page, 'ticket-timeline').locator('[data-kind]').evaluateAll((e) => e.map((x) => x.dataset.kind));
    assert.deepEqual(history, [
      'created', 'assign', 'start', 'reply', 'note', 'wait', 'customer_reply', 'resume', 'attachment', 'resolve', 'close', 'rating',
    ]);
    await screenshot(page, 'tickets-04-closed-rated');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a manager assigns by name or lets the routing choose; an edit changes the priority', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/tickets/tk-1006', serviceAgents: true, signedIn: 'wangqiang' });
    await byTestId(page, 'ticket-title').filter({ hasText: '上月账单重复扣费' }).waitFor();
    await act(page, 'assign');
    await pick(page, 'assign-agent', '赵敏（客服部 · 3 张未完成）');
    await byTestId(page, 'assign-note').fill('账单问题先由赵敏跟进');
    await screenshot(page, 'tickets-05-assign');
    await byTestId(page, 'assign-ok').click();
    await byTestId(page, 'ticket-assignee').filter({ hasText: '赵敏' }).waitFor();
    await byTestId(page, 'ticket-line').filter({ hasText: '分配给 赵敏' }).waitFor();

    // Passing it on through the routing: billing is 孙丽's skill.
    await act(page, 'assign');
    await byTestId(page, 'assign-ok').click();
    await byTestId(page, 'ticket-assignee').filter({ hasText: '孙丽' }).waitFor();
    assert.deepEqual((await backendCalls(page, 'ticket_act')).map((c) => c.input.assignee), ['zhaomin', null]);

    await byTestId(page, 'ticket-edit').click();
    await byTestId(page, 'ticket-edit-priority').getByText('紧急').click();
    await page.locator('.ant-modal').getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ticket-header [data-testid="ticket-priority"]').filter({ hasText: '紧急' }).waitFor();
    await byTestId(page, 'ticket-line').filter({ hasText: '优先级：高 → 紧急' }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a new ticket from the customer page: the VIP rule raises it, the routing gives it to the repair agent', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/customers/c-0003' });
    const card = byTestId(page, 'customer-tickets');
    await card.locator('[data-testid="customer-ticket"]').first().waitFor();
    assert.match(await byTestId(page, 'customer-tickets-open').textContent(), /进行中（1）/);
    assert.match(await byTestId(page, 'customer-tickets-past').textContent(), /已完成（1）/);
    await byTestId(page, 'customer-ticket-new').click();
    await byTestId(page, 'new-ticket-fixed-customer').filter({ hasText: '李伟' }).waitFor();
    await byTestId(page, 'new-ticket-subject').fill('净水器出水口漏水');
    await byTestId(page, 'new-ticket-description').fill('客户来电：厨房净水器出水口持续滴水。');
    await pick(page, 'new-ticket-category', '维修');
    await screenshot(page, 'tickets-06-new-ticket');
    await byTestId(page, 'new-ticket-submit').click();

    await byTestId(page, 'ticket-title').filter({ hasText: '#1016' }).waitFor();
    assert.equal(await page.locator('.ticket-header [data-testid="ticket-priority"]').textContent(), '高');
    assert.match(await byTestId(page, 'ticket-assignee').textContent(), /赵敏/);
    const [created] = await backendCalls(page, 'ticket_create');
    assert.deepEqual(created.input, {
      customerId: 'c-0003', contactId: null, channel: 'phone', category: 'repair', priority: 'normal',
      subject: '净水器出水口漏水', description: '客户来电：厨房净水器出水口持续滴水。', assignee: null,
    });
    await byTestId(page, 'ticket-line').filter({ hasText: '优先级：普通 → 高' }).waitFor();
    await byTestId(page, 'ticket-line').filter({ hasText: '系统自动分配给 赵敏' }).waitFor();
    await screenshot(page, 'tickets-07-new-ticket-page');

    await byTestId(page, 'ticket-customer-link').click();
    await byTestId(page, 'customer-tickets-open').filter({ hasText: '进行中（2）' }).waitFor();
    await byTestId(page, 'customer-ticket').filter({ hasText: '净水器出水口漏水' }).waitFor();
    await screenshot(page, 'tickets-08-customer-card');

    // From the list: the customer is searched for.
    await page.goto(server.url + '#/tickets');
    await byTestId(page, 'ticket-new').click();
    await byTestId(page, 'new-ticket-customer').click();
    await page.keyboard.type('王伟');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '王伟' }).first().click();
    await byTestId(page, 'new-ticket-subject').fill('会员积分没有到账');
    await byTestId(page, 'new-ticket-submit').click();
    await byTestId(page, 'ticket-title').filter({ hasText: '会员积分没有到账' }).waitFor();
    assert.equal((await backendCalls(page, 'ticket_create')).at(-1).input.customerId, 'c-0002');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('in English', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/tickets', language: 'en', locale: 'en-US' });
    await rows(page).first().waitFor();
    assert.match(await byTestId(page, 'tickets-tab-queue').textContent(), /Queue/);
    assert.match(await rows(page).first().locator('[data-testid="ticket-resolution"]').textContent(), /overdue/);
    await screenshot(page, 'tickets-09-queue-en');
    await page.goto(server.url + '#/tickets/tk-1004');
    await byTestId(page, 'ticket-title').waitFor();
    assert.equal(await status(page).textContent(), 'Waiting');
    await byTestId(page, 'ticket-sla-waiting').filter({ hasText: 'Waiting on the customer since' }).waitFor();
    await screenshot(page, 'tickets-10-ticket-en');
    await page.goto(server.url + '#/tickets/tk-1010');
    await byTestId(page, 'ticket-rating-given').waitFor();
    await screenshot(page, 'tickets-11-rated-en');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
