// The daily flows against the built bundle in chromium, over the fake backend: create a
// customer, find one with the palette, log an activity, manage the trash.
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

describe('customers', () => {
  test('the list pages through the customers as one scrolls and shows the count', async () => {
    const { page, context, errors } = await openApp(browser, server.url);
    await byTestId(page, 'customer-count').filter({ hasText: '共 260 位客户' }).waitFor();
    const rows = byTestId(page, 'customer-row');
    await rows.first().waitFor();
    assert.equal(await rows.first().locator('.cell-name').textContent(), '张伟');
    await screenshot(page, '01-customer-list');

    // Scrolling to the bottom asks for the next keyset page with the cursor of the last one.
    await page.locator('.vt-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.waitForFunction(() => window.__FAKE_CRM__.calls.filter((c) => c.cmd === 'customer_list').length >= 2);
    const lists = await backendCalls(page, 'customer_list');
    assert.equal(lists[0].request.cursor, null);
    assert.equal(lists[0].request.limit, 100);
    assert.equal(lists[1].request.cursor, '100');
    // Only the rows in view are in the DOM, however many are loaded.
    assert.ok((await rows.count()) < 60, 'rows are virtualized');

    // A filter goes to the core as "one of", and the count follows it.
    await byTestId(page, 'filter-kind').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '政府' }).click();
    await page.keyboard.press('Escape');
    await byTestId(page, 'customer-count').filter({ hasText: '共 65 位客户' }).waitFor();
    await rows.first().filter({ hasText: '刘伟' }).waitFor();
    const filtered = (await backendCalls(page, 'customer_list')).at(-1).request;
    assert.deepEqual(filtered.filter.fields, [{ op: 'oneOf', key: 'kind', values: ['government'] }]);
    assert.equal(filtered.cursor, null, 'a new filter starts at the first page');
    for (const text of await rows.allTextContents()) assert.match(text, /政府/);
    await screenshot(page, '01b-customer-list-filtered');

    // 导出 offers the customers the filtered list shows.
    await byTestId(page, 'export-customers').click();
    await byTestId(page, 'export-filtered').waitFor();
    assert.equal(await byTestId(page, 'export-filtered').isChecked(), true);
    await byTestId(page, 'export-path').fill('/home/me/政府客户.xlsx');
    await byTestId(page, 'export-format').getByText('Excel (.xlsx)').click();
    await screenshot(page, '01c-export-filtered');
    await byTestId(page, 'export-confirm').click();
    await page.getByText('已导出 65 条记录到 /home/me/政府客户.xlsx').waitFor();
    const exported = (await backendCalls(page, 'export_to_file')).at(-1);
    assert.deepEqual(exported.filter.fields, [{ op: 'oneOf', key: 'kind', values: ['government'] }]);
    assert.equal(exported.format, 'xlsx');

    // Back from a customer, the list is where the user left it.
    await page.locator('.vt-scroll').evaluate((el) => el.scrollTo(0, 1200));
    await page.waitForTimeout(100);
    const opened = rows.filter({ hasText: '政府' }).nth(3);
    const openedName = await opened.locator('.cell-name').textContent();
    await opened.scrollIntoViewIfNeeded();
    const scrolledTo = await page.locator('.vt-scroll').evaluate((el) => el.scrollTop);
    assert.ok(scrolledTo > 300, 'the list is scrolled down');
    // The virtual list may re-render while it scrolls: click the row by its name, not by position.
    await rows.filter({ hasText: openedName }).first().click();
    await byTestId(page, 'customer-title').filter({ hasText: openedName }).waitFor();
    await byTestId(page, 'nav-customers').click();
    await rows.first().waitFor();
    assert.equal(await page.locator('.vt-scroll').evaluate((el) => el.scrollTop), scrolledTo);
    await rows.filter({ hasText: openedName }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a customer created through the form appears in the list', async () => {
    const { page, context, errors } = await openApp(browser, server.url);
    await byTestId(page, 'customer-row').first().waitFor();
    await byTestId(page, 'new-customer').click();
    const form = byTestId(page, 'customer-form');
    await form.waitFor();

    // A bad phone number is refused by the core; the message shows and nothing typed is lost.
    await byTestId(page, 'field-name').fill('欧阳明远');
    await byTestId(page, 'field-kind').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '企业' }).click();
    await byTestId(page, 'field-company').fill('明远贸易有限公司');
    await byTestId(page, 'field-phone-0').fill('12');
    await byTestId(page, 'field-email-0').fill('oy@mingyuan.cn');
    await byTestId(page, 'customer-form-submit').click();
    await byTestId(page, 'customer-form-error').filter({ hasText: "phone '12' is not a phone number" }).waitFor();
    assert.equal(await byTestId(page, 'field-name').inputValue(), '欧阳明远');
    await screenshot(page, '02-customer-form-error');

    await byTestId(page, 'field-phone-0').fill('021-6888 1234');
    await byTestId(page, 'customer-form-submit').click();
    await form.waitFor({ state: 'detached' });
    const created = byTestId(page, 'customer-row').filter({ hasText: '欧阳明远' });
    await created.waitFor();
    assert.match(await created.textContent(), /明远贸易有限公司/);
    assert.match(await created.textContent(), /企业/);
    await byTestId(page, 'customer-count').filter({ hasText: '共 261 位客户' }).waitFor();

    const [input] = (await backendCalls(page, 'customer_create')).slice(-1).map((a) => a.input);
    assert.equal(input.kind, 'enterprise');
    assert.equal(input.owner, null, 'empty fields are sent as null');
    assert.deepEqual(input.emails, ['oy@mingyuan.cn']);
    await screenshot(page, '03-customer-created');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the palette finds a customer by pinyin and phone and opens the 360 page', async () => {
    const { page, context, errors } = await openApp(browser, server.url);
    await byTestId(page, 'customer-row').first().waitFor();
    await byTestId(page, 'global-search').click();
    const input = byTestId(page, 'search-palette-input');
    await input.waitFor();
    await input.fill('13800007919');
    const hits = byTestId(page, 'search-result');
    await hits.first().filter({ hasText: '王伟' }).waitFor();
    assert.match(await hits.first().textContent(), /电话/);

    await input.fill('liwei');
    await hits.first().filter({ hasText: '李伟' }).waitFor();
    assert.match(await hits.first().textContent(), /拼音/);
    await screenshot(page, '04-search-palette');
    await page.keyboard.press('ArrowDown');
    const second = await hits.nth(1).locator('.palette-hit-name').textContent();
    await page.keyboard.press('Enter');
    await byTestId(page, 'customer-title').filter({ hasText: second.replace(/(个人|企业|政府)$/, '') }).waitFor();
    await byTestId(page, 'search-palette-input').waitFor({ state: 'detached' });

    // Ctrl+K opens it from anywhere with the cursor in the box; Esc closes it.
    await page.keyboard.press('Control+k');
    await byTestId(page, 'search-palette-input').waitFor();
    await page.keyboard.type('zhaowei');
    await hits.first().filter({ hasText: '赵伟' }).waitFor();
    await page.keyboard.press('Escape');
    await byTestId(page, 'search-palette-input').waitFor({ state: 'detached' });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('an activity logged on the 360 page shows in the timeline and the history', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/customers/c-0003' });
    await byTestId(page, 'customer-title').filter({ hasText: '李伟' }).waitFor();
    await byTestId(page, 'contacts-card').waitFor();
    await screenshot(page, '05-customer-360');

    await byTestId(page, 'add-activity').click();
    await byTestId(page, 'activity-kind').getByText('会议').click();
    await byTestId(page, 'activity-subject').fill('季度业务回顾');
    await byTestId(page, 'activity-notes').fill('确认下季度采购计划，下周发报价。');
    await screenshot(page, '06-activity-form');
    await byTestId(page, 'activity-submit').click();
    const item = byTestId(page, 'timeline-item').filter({ hasText: '季度业务回顾' });
    await item.waitFor();
    assert.match(await item.textContent(), /会议/);
    assert.match(await item.textContent(), /tester/);
    await byTestId(page, 'history-item').filter({ hasText: '活动 季度业务回顾' }).waitFor();

    // Editing a field shows up in the history as "field: old → new" with labels.
    await byTestId(page, 'edit-customer').click();
    await byTestId(page, 'field-lifecycle').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '现有客户' }).click();
    await byTestId(page, 'customer-form-submit').click();
    const change = byTestId(page, 'history-item').filter({ hasText: '客户阶段' });
    await change.waitFor();
    assert.match(await change.textContent(), /VIP\s*→\s*现有客户/);
    await screenshot(page, '07-customer-360-after');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a customer moved to the trash can be restored from the trash list', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/customers/c-0002' });
    await byTestId(page, 'customer-title').filter({ hasText: '王伟' }).waitFor();
    await byTestId(page, 'trash-customer').click();
    const confirm = page.locator('.ant-popconfirm').getByRole('button', { name: '移入回收站' });
    await confirm.waitFor();
    await confirm.click();
    await page.waitForFunction(() => window.__FAKE_CRM__.calls.some((c) => c.cmd === 'customer_delete'));
    await page.getByText('这位客户在回收站中').waitFor();

    await byTestId(page, 'nav-customers').click();
    await byTestId(page, 'trash-toggle').getByText('回收站').click();
    await byTestId(page, 'customer-count').filter({ hasText: '回收站中 1 位客户' }).waitFor();
    const row = byTestId(page, 'customer-row').filter({ hasText: '王伟' });
    await row.waitFor();
    await screenshot(page, '08-trash');
    await row.getByRole('button', { name: /恢复/ }).click();
    await page.getByText('回收站是空的').waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });
});
