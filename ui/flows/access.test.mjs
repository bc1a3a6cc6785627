// Signing in and the administrator's screens against the built bundle in chromium, over the
// fake backend: sign in on the sign-in screen, add a user, create a territory, and what a
// sales rep does not get to see.
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

/** Opens the antd Select with this test id and clicks the option reading exactly `text`. */
async function pick(page, testId, text) {
  await byTestId(page, testId).click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').getByText(text, { exact: true }).click();
}

const save = (page) => page.locator('.ant-modal').getByRole('button', { name: /保\s*存/ }).click();

describe('access', () => {
  test('an administrator signs in, adds a user and creates a territory', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { signedIn: null });
    await byTestId(page, 'sign-in-form').waitFor();
    assert.equal(await byTestId(page, 'nav-customers').count(), 0, 'nothing of the app before signing in');
    await byTestId(page, 'sign-in-login').fill('tester');
    await byTestId(page, 'sign-in-password').fill('not-the-password');
    await byTestId(page, 'sign-in-submit').click();
    await byTestId(page, 'sign-in-error').filter({ hasText: 'wrong sign-in name or password' }).waitFor();
    await screenshot(page, '15-sign-in-refused');

    await byTestId(page, 'sign-in-password').fill('Admin2025!');
    await byTestId(page, 'sign-in-submit').click();
    await byTestId(page, 'customer-row').first().waitFor();
    assert.match(await byTestId(page, 'user-menu').textContent(), /测试管理员\s*管理员/);

    // Users: add a service agent to 客服部.
    await byTestId(page, 'nav-users').click();
    await byTestId(page, 'user-row').first().waitFor();
    assert.equal(await byTestId(page, 'user-row').count(), 3);
    await byTestId(page, 'add-user').click();
    await byTestId(page, 'user-login').fill('zhaomin');
    await byTestId(page, 'user-display-name').fill('赵敏');
    await pick(page, 'user-role', '客服');
    await pick(page, 'user-unit', '客服部');
    await byTestId(page, 'user-password').fill('Service2025!');
    await screenshot(page, '16-user-form');
    await save(page);
    const added = byTestId(page, 'user-row').filter({ hasText: '赵敏' });
    await added.waitFor();
    assert.match(await added.textContent(), /zhaomin.*赵敏.*客服.*客服部.*启用/);
    assert.deepEqual((await backendCalls(page, 'user_add')).map((a) => a.input), [
      { login: 'zhaomin', displayName: '赵敏', role: 'service', unitId: 'o-service', password: 'Service2025!' },
    ]);
    await screenshot(page, '17-users');

    // Territories: a place that overlaps 华南区 is refused with the core's reason, then fixed.
    await byTestId(page, 'nav-territories').click();
    await byTestId(page, 'territory-row').first().waitFor();
    await byTestId(page, 'add-territory').click();
    await byTestId(page, 'territory-name').fill('华北区');
    await pick(page, 'territory-unit', '销售部');
    await byTestId(page, 'place-0-country').fill('中国');
    await byTestId(page, 'place-0-province').fill('北京');
    await byTestId(page, 'add-place').click();
    await byTestId(page, 'place-1-province').fill('广东省');
    await save(page);
    await byTestId(page, 'territory-form-error').filter({ hasText: "of territory '华南区'" }).waitFor();
    await screenshot(page, '18-territory-overlap');
    await byTestId(page, 'place-1-province').fill('河北');
    await save(page);
    const created = byTestId(page, 'territory-row').filter({ hasText: '华北区' });
    await created.waitFor();
    assert.deepEqual(await created.locator('[data-testid="territory-place"]').allTextContents(), ['中国/北京', '*/河北']);
    const [input] = (await backendCalls(page, 'territory_create')).slice(-1).map((a) => a.input);
    assert.deepEqual(input, {
      name: '华北区', unitId: 'o-sales',
      places: [{ country: '中国', province: '北京', city: '' }, { country: '', province: '河北', city: '' }],
    });
    await screenshot(page, '19-territories');

    // The org tree counts the new user in 客服部 and the new territory in 销售部.
    await byTestId(page, 'nav-org').click();
    const service = byTestId(page, 'org-node').filter({ hasText: '客服部' });
    await service.waitFor();
    assert.match(await service.textContent(), /1 人/);
    assert.match(await byTestId(page, 'org-node').filter({ hasText: /^销售部/ }).textContent(), /2 个区域/);
    await screenshot(page, '20-org-tree');

    // The audit log has both changes, and the failed sign-in among the security events.
    await byTestId(page, 'nav-audit').click();
    await byTestId(page, 'audit-row').filter({ hasText: 'territory.create' }).waitFor();
    await byTestId(page, 'audit-row').filter({ hasText: 'user.create' }).waitFor();
    await byTestId(page, 'audit-security-only').click();
    await byTestId(page, 'audit-row').filter({ hasText: 'wrong password' }).waitFor();
    assert.equal(await byTestId(page, 'audit-row').filter({ hasText: 'territory.create' }).count(), 0);
    await screenshot(page, '21-audit-log');

    // The customer page names the territory the customer now falls in (c-0004 lives in 北京).
    await page.goto(server.url + '#/customers/c-0004');
    await byTestId(page, 'customer-territory').filter({ hasText: '华北区' }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a sales rep sees no administration and is refused its pages', async () => {
    const { page, context } = await openApp(browser, server.url, { signedIn: 'lina', hash: '#/admin/territories' });
    await byTestId(page, 'admin-forbidden').waitFor();
    assert.equal(await byTestId(page, 'nav-users').count(), 0);
    assert.equal(await byTestId(page, 'nav-audit').count(), 0);
    assert.match(await byTestId(page, 'user-menu').textContent(), /李娜\s*销售/);
    await screenshot(page, '22-forbidden');

    // Signing out returns to the sign-in screen at the customer list.
    await byTestId(page, 'user-menu').click();
    await byTestId(page, 'menu-sign-out').click();
    await byTestId(page, 'sign-in-form').waitFor();
    assert.match(page.url(), /#\/customers$/);
    await context.close();
  });
});
