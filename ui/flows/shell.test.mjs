// The shell around the screens: language, settings, and a database the app cannot open.
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

describe('shell', () => {
  test('switching the language relabels the app at once and saves the choice', async () => {
    const { page, context, errors } = await openApp(browser, server.url);
    await byTestId(page, 'customer-row').first().waitFor();
    assert.equal(await byTestId(page, 'nav-customers').textContent(), '客户');
    await byTestId(page, 'language-switch').click();
    await byTestId(page, 'nav-customers').filter({ hasText: 'Customers' }).waitFor();
    assert.match(await byTestId(page, 'new-customer').textContent(), /New customer/);
    await byTestId(page, 'customer-count').filter({ hasText: '260 customers' }).waitFor();
    // Enum and option labels follow: kinds, lifecycles and tiers in English.
    const first = byTestId(page, 'customer-row').first();
    assert.match(await first.textContent(), /Individual/);
    assert.match(await first.textContent(), /Diamond/);
    assert.deepEqual(await backendCalls(page, 'settings_set_language'), [{ language: 'en' }]);
    await screenshot(page, '09-english-list');

    await page.goto(server.url + '#/customers/c-0003');
    await byTestId(page, 'customer-title').waitFor();
    await page.getByText('Contacts').first().waitFor();
    await screenshot(page, '10-english-360');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the saved language wins over the system language', async () => {
    const { page, context } = await openApp(browser, server.url, { language: 'en', locale: 'zh-CN' });
    await byTestId(page, 'nav-settings').filter({ hasText: 'Settings' }).waitFor();
    await context.close();
  });

  test('settings manage dimensions and tags and show the core refusing', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/settings' });
    await byTestId(page, 'dimension-row').first().waitFor();
    assert.equal(await byTestId(page, 'dimension-row').count(), 6);
    await screenshot(page, '11-settings-dimensions');

    await byTestId(page, 'new-dimension').click();
    await byTestId(page, 'dimension-key').fill('Bad Key');
    await byTestId(page, 'dimension-label-zh').fill('客户来源渠道');
    await byTestId(page, 'dimension-label-en').fill('Channel');
    await byTestId(page, 'dimension-type').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '文本' }).click();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await byTestId(page, 'dimension-error').filter({ hasText: "key 'Bad Key' is invalid" }).waitFor();
    await byTestId(page, 'dimension-key').fill('channel');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await byTestId(page, 'dimension-row').filter({ hasText: '客户来源渠道' }).waitFor();

    await page.getByRole('tab', { name: /标签/ }).click();
    await byTestId(page, 'tag-item').first().waitFor();
    await byTestId(page, 'new-tag').click();
    await byTestId(page, 'tag-name').fill('年度大客户');
    await page.locator('.color-swatch').nth(4).click();
    await screenshot(page, '12-settings-tag-form');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await byTestId(page, 'tag-item').filter({ hasText: '年度大客户' }).waitFor();
    const [created] = (await backendCalls(page, 'tag_create')).map((a) => a.input);
    assert.deepEqual(created, { name: '年度大客户', color: 'gold' });
    await screenshot(page, '13-settings-tags');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a database the app cannot open stops at a full-page error with the core message', async () => {
    const message = 'the database was written by a newer Kehu CRM (schema 9); update the app';
    const { page, context } = await openApp(browser, server.url, { failAppInfo: message });
    await byTestId(page, 'startup-error').filter({ hasText: message }).waitFor();
    assert.equal(await byTestId(page, 'nav-customers').count(), 0);
    await screenshot(page, '14-startup-error');
    await context.close();
  });
});
