// The service desk against the built bundle in chromium, over the fake backend: a call comes in,
// the last four digits find the caller, the card shows their tickets, a new ticket is opened for
// them; the SLA report; the SLA times and the working calendar edited and saved; and the same
// screens in English.
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

/** Opens an antd Select and clicks the option with this title in its own (open) dropdown. */
/** Picks an option and checks the select shows it: a click while the list is still opening or
 * re-rendering can be lost (it made the flow submit without a category on a loaded machine). */
async function choose(page, select, title) {
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last().locator(`[title="${title}"]`).click();
    try {
      await select.filter({ hasText: title }).waitFor({ timeout: 2000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

describe('service desk', () => {
  test('the last four digits find the caller; a new ticket is opened for them from the card', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/desk' });
    await byTestId(page, 'desk-idle').waitFor();
    await screenshot(page, '60-desk-idle');

    // The search box has the focus: the agent just types. 李伟's number is 138 0001 5838.
    await page.keyboard.type('5838');
    await byTestId(page, 'caller-card-name').filter({ hasText: '李伟' }).waitFor();
    const matches = byTestId(page, 'caller-match');
    assert.equal(await matches.count(), 3);
    assert.match(await matches.first().textContent(), /13800015838/);
    assert.deepEqual(await backendCalls(page, 'caller_lookup'), [{ query: '5838', customerId: null }]);
    const card = byTestId(page, 'caller-card');
    assert.match(await card.textContent(), /VIP/);
    assert.match(await byTestId(page, 'caller-facts').textContent(), /美的电器有限公司/);
    await byTestId(page, 'caller-open-ticket').filter({ hasText: '#1002' }).waitFor();
    await byTestId(page, 'caller-past-ticket').filter({ hasText: '#1010' }).waitFor();
    await byTestId(page, 'caller-opportunity').filter({ hasText: '海外分销平台' }).waitFor();
    await screenshot(page, '61-desk-caller-card');

    // ↓ Enter shows the second match's card; ↑ Enter goes back.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await byTestId(page, 'caller-card-name').filter({ hasText: '周' }).waitFor();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await byTestId(page, 'caller-card-name').filter({ hasText: '李伟' }).waitFor();

    // New ticket, for 李伟 already.
    await byTestId(page, 'desk-new-ticket').click();
    await byTestId(page, 'new-ticket-fixed-customer').filter({ hasText: '李伟' }).waitFor();
    await byTestId(page, 'new-ticket-subject').fill('空调遥控器失灵，申请更换');
    await choose(page, byTestId(page, 'new-ticket-category'), '维修');
    await screenshot(page, '62-desk-new-ticket');
    await byTestId(page, 'new-ticket-submit').click();
    await byTestId(page, 'new-ticket-form').waitFor({ state: 'detached' });
    const created = (await backendCalls(page, 'ticket_create'))[0].input;
    assert.equal(created.customerId, 'c-0003');
    assert.equal(created.channel, 'phone');
    assert.equal(created.category, 'repair');

    // Still on the desk; the card shows the new ticket, made high priority for a VIP customer.
    const fresh = byTestId(page, 'caller-open-ticket').filter({ hasText: '空调遥控器失灵' });
    await fresh.waitFor();
    assert.match(await fresh.textContent(), /高/);
    assert.equal(await page.evaluate(() => location.hash), '#/desk');
    await screenshot(page, '63-desk-ticket-created');

    // Nobody has this number.
    await byTestId(page, 'desk-search').fill('99999');
    await byTestId(page, 'desk-no-match').waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the SLA report shows the figures of the last 30 days', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/sla' });
    await byTestId(page, 'sla-kpi-tickets-value').filter({ hasText: /^15$/ }).waitFor();
    const report = (await backendCalls(page, 'sla_report'))[0].request;
    assert.match(report.from, /^\d{4}-\d{2}-\d{2}$/);
    assert.match(await byTestId(page, 'sla-kpi-first-response-value').textContent(), /%$/);
    assert.match(await byTestId(page, 'sla-kpi-satisfaction-value').textContent(), /3\.5/);
    assert.equal(await byTestId(page, 'rating-5-count').textContent(), '1');
    assert.equal(await byTestId(page, 'rating-2-count').textContent(), '1');
    await byTestId(page, 'sla-by-priority-row').filter({ hasText: '紧急' }).waitFor();
    // Agents by name; tickets nobody holds yet as unassigned.
    await byTestId(page, 'sla-by-agent-row').filter({ hasText: '赵敏' }).waitFor();
    await byTestId(page, 'sla-by-agent-row').filter({ hasText: '未分配' }).waitFor();
    await screenshot(page, '64-sla-report');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the administrator edits the SLA times and the working calendar', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/settings' });
    await page.getByRole('tab', { name: 'SLA 与工作日历' }).click();
    await byTestId(page, 'sla-policy-row').first().waitFor();
    assert.equal(await byTestId(page, 'sla-policy-row').count(), 5);
    await screenshot(page, '65-sla-settings');

    // High priority: first answer within 45 minutes.
    const high = byTestId(page, 'sla-policy-row').filter({ has: page.locator('[data-testid="ticket-priority"]', { hasText: '高' }) });
    await high.locator('[data-testid="sla-policy-first-response-hours"]').fill('0');
    await high.locator('[data-testid="sla-policy-first-response-minutes"]').fill('45');
    await byTestId(page, 'sla-policies-save').click();
    await byTestId(page, 'sla-policies-save').and(page.locator(':disabled')).waitFor();
    const policies = await page.evaluate(() => window.__FAKE_CRM__.desk.policies);
    assert.deepEqual(policies.find((p) => p.priority === 'high'), { priority: 'high', tier: null, firstResponseMinutes: 45, resolutionMinutes: 480 });

    // Overlapping periods: the core refuses and says why.
    const monday = byTestId(page, 'weekday-1');
    await choose(page, monday.locator('[data-testid="period-end"]').first(), '14:00');
    await byTestId(page, 'calendar-save').click();
    await byTestId(page, 'calendar-error').filter({ hasText: 'overlap' }).waitFor();
    await byTestId(page, 'calendar-reset').click();

    // Saturday mornings open, one more holiday, one less, and saved.
    await byTestId(page, 'weekday-6').locator('[data-testid="period-add"]').click();
    await choose(page, byTestId(page, 'weekday-6').locator('[data-testid="period-end"]'), '12:00');
    const addHoliday = byTestId(page, 'holidays-add');
    await addHoliday.click();
    await addHoliday.fill('2026-10-06');
    await addHoliday.press('Enter');
    await byTestId(page, 'holidays-date').filter({ hasText: '2026-10-06' }).waitFor();
    await byTestId(page, 'holidays-date').filter({ hasText: '2026-10-05' }).locator('.ant-tag-close-icon').click();
    await screenshot(page, '66-calendar-edited');
    await byTestId(page, 'calendar-save').click();
    await byTestId(page, 'calendar-save').and(page.locator(':disabled')).waitFor();
    const saved = (await backendCalls(page, 'work_calendar_set')).at(-1).calendar;
    assert.deepEqual(saved.holidays, ['2026-10-01', '2026-10-02', '2026-10-06']);
    assert.deepEqual(saved.hours.filter((p) => p.weekday === 6), [{ weekday: 6, start: '09:00', end: '12:00' }]);
    const stored = await page.evaluate(() => window.__FAKE_CRM__.desk.calendar);
    assert.deepEqual(stored.holidays, ['2026-10-01', '2026-10-02', '2026-10-06']);

    await page.getByRole('tab', { name: '工单分配' }).click();
    await byTestId(page, 'agent-row').filter({ hasText: '赵敏' }).waitFor();
    await screenshot(page, '67-routing-settings');
    await byTestId(page, 'agents').scrollIntoViewIfNeeded();
    await screenshot(page, '67b-agents');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the same screens in English', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/desk', language: 'en', locale: 'en-US' });
    await byTestId(page, 'desk-idle').waitFor();
    await page.keyboard.type('5838');
    await byTestId(page, 'caller-card-name').filter({ hasText: '李伟' }).waitFor();
    await byTestId(page, 'caller-open-ticket').first().waitFor();
    assert.match(await byTestId(page, 'desk-new-ticket').textContent(), /New ticket/);
    await screenshot(page, '68-desk-en');

    await byTestId(page, 'nav-sla').click();
    await byTestId(page, 'sla-kpi-tickets-value').waitFor();
    assert.match(await byTestId(page, 'sla-kpi-first-response').textContent(), /First response met/);
    await screenshot(page, '69-sla-report-en');

    await byTestId(page, 'nav-settings').click();
    await page.getByRole('tab', { name: 'SLA and calendar' }).click();
    await byTestId(page, 'weekday-1').waitFor();
    await screenshot(page, '70-sla-settings-en');
    await page.getByRole('tab', { name: 'Ticket routing' }).click();
    await byTestId(page, 'agent-row').first().waitFor();
    await screenshot(page, '71-routing-settings-en');
    await byTestId(page, 'agents').scrollIntoViewIfNeeded();
    await screenshot(page, '71b-agents-en');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
