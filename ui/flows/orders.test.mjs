// A customer's orders and segments on the 360 page, against the built bundle in chromium over the
// fake backend (with fake-orders.mjs on top): read the totals, open an order's items, add one
// (a taken order number is refused with the core's words), edit and delete one; and in English.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { RESULTS, launchBrowser, openApp, screenshot, serveDist } from './harness.mjs';
import { installFakeOrders, ordersSeed } from './fake-orders.mjs';

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
const CUSTOMER = 'c-0003';

/** The customer's page with the fake orders added (a reload runs the added init script). */
async function openCustomer(options = {}) {
  const opened = await openApp(browser, server.url, { hash: `#/customers/${CUSTOMER}`, ...options });
  await opened.page.addInitScript(installFakeOrders, ordersSeed(CUSTOMER));
  await opened.page.reload();
  await byTestId(opened.page, 'order-row').first().waitFor();
  return opened;
}

const orderCalls = (page, cmd) =>
  page.evaluate((c) => window.__FAKE_ORDERS__.calls.filter((x) => x.cmd === c).map((x) => x.args), cmd);

async function shoot(locator, name) {
  await locator.page().waitForTimeout(350);
  await locator.screenshot({ path: join(RESULTS, `${name}.png`) });
}

describe('orders on the customer’s page', () => {
  test('totals, items, adding, editing and deleting an order; the segments the customer is in', async () => {
    const { page, context, errors } = await openCustomer();
    const card = byTestId(page, 'orders-card');
    assert.equal(await byTestId(page, 'order-row').count(), 6);
    assert.deepEqual(await byTestId(page, 'orders-total').allTextContents(), ['¥11,234.50', 'US$8,920.08']);
    assert.match(await byTestId(page, 'orders-counted').textContent(), /计入 3 笔 \/ 共 6 笔订单/);
    assert.match(await byTestId(page, 'orders-last').textContent(), /2026-03-18/);
    const segments = byTestId(page, 'customer-segment');
    assert.deepEqual(await segments.allTextContents(), ['高价值客户', '一季度促销名单', '重点维护']);
    assert.equal(await segments.first().locator('a').getAttribute('href'), '#/segments/seg-vip');
    await screenshot(page, '70-customer-orders-page');

    // The US order opens to its lines; the discounted line keeps the core's amount.
    await byTestId(page, 'order-row').nth(3).locator('.ant-table-row-expand-icon').click();
    await byTestId(page, 'order-items').waitFor();
    assert.match(await byTestId(page, 'order-items').textContent(), /Label roll12US\$12\.50US\$120\.00/);
    await shoot(card, '71-orders-card');
    await shoot(byTestId(page, 'customer-segments'), '71b-customer-segments');

    // Add an order: a taken number is refused with the core's words, the form keeps the input.
    await byTestId(page, 'order-add').click();
    const form = byTestId(page, 'order-form');
    await form.waitFor();
    await byTestId(page, 'order-number').fill('JD-20260318-0042');
    await byTestId(page, 'item-product-0').fill('收银一体机 Pro');
    await byTestId(page, 'item-quantity-0').fill('2');
    await byTestId(page, 'item-price-0').fill('3,899.00');
    await byTestId(page, 'item-add').click();
    await byTestId(page, 'item-product-1').fill('延保服务（年）');
    await byTestId(page, 'item-price-1').fill('80');
    await byTestId(page, 'items-total').filter({ hasText: '¥7,878.00' }).waitFor();
    await shoot(page.locator('.ant-modal').filter({ has: form }), '72-order-form');
    await byTestId(page, 'order-save').click();
    await byTestId(page, 'order-form-error').filter({ hasText: 'another order already has this order number' }).waitFor();
    await shoot(page.locator('.ant-modal').filter({ has: form }), '73-order-form-refused');

    await byTestId(page, 'order-number').fill('JD-20260320-0100');
    await byTestId(page, 'order-save').click();
    await form.waitFor({ state: 'detached' });
    const created = (await orderCalls(page, 'order_create')).at(-1).input;
    assert.equal(created.customerId, CUSTOMER);
    assert.equal(created.status, 'paid');
    assert.deepEqual(created.items, [
      { product: '收银一体机 Pro', quantity: 2, unitPrice: 389900, amount: null },
      { product: '延保服务（年）', quantity: 1, unitPrice: 8000, amount: null },
    ]);
    await byTestId(page, 'order-row').nth(6).waitFor();
    await byTestId(page, 'orders-total').first().filter({ hasText: '¥19,112.50' }).waitFor();

    // Edit the pending order to paid; it then counts.
    const pending = byTestId(page, 'order-row').filter({ hasText: 'TM-88213' });
    await pending.locator('[data-testid="order-edit"]').click();
    await byTestId(page, 'order-status').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '已付款' }).click();
    await byTestId(page, 'order-save').click();
    await form.waitFor({ state: 'detached' });
    await byTestId(page, 'orders-counted').filter({ hasText: '计入 5 笔' }).waitFor();

    // Delete asks first.
    const refunded = byTestId(page, 'order-row').filter({ hasText: '已退款' });
    await refunded.locator('[data-testid="order-delete"]').click();
    await page.locator('.ant-popconfirm').waitFor();
    assert.match(await page.locator('.ant-popconfirm').textContent(), /删除 2026-02-14 的这笔订单？/);
    await screenshot(page, '74-order-delete-confirm');
    assert.equal((await orderCalls(page, 'order_delete')).length, 0);
    await page.locator('.ant-popconfirm .ant-btn-dangerous').click();
    await byTestId(page, 'orders-counted').filter({ hasText: '共 6 笔订单' }).waitFor();

    assert.deepEqual(errors, []);
    await context.close();
  });

  test('in English', async () => {
    const { page, context, errors } = await openCustomer({ language: 'en', locale: 'en-US' });
    await byTestId(page, 'orders-counted').filter({ hasText: '3 of 6 orders counted' }).waitFor();
    assert.match(await byTestId(page, 'orders-card').textContent(), /Only paid and completed orders count/);
    await byTestId(page, 'order-row').nth(3).locator('.ant-table-row-expand-icon').click();
    await shoot(byTestId(page, 'orders-card'), '75-orders-card-en');
    await byTestId(page, 'order-row').nth(3).locator('[data-testid="order-edit"]').click();
    await byTestId(page, 'order-form-discounted').waitFor();
    // The discounted line shows and sums its own amount (12 × 12.50 would be 150.00), and saving
    // without touching it sends that amount back.
    assert.match(await byTestId(page, 'line-item').nth(1).textContent(), /\$120\.00/);
    assert.match(await byTestId(page, 'items-total').textContent(), /\$8,920\.08/);
    await shoot(page.locator('.ant-modal'), '76-order-form-en-discounted');
    await byTestId(page, 'order-save').click();
    await byTestId(page, 'order-form').waitFor({ state: 'detached' });
    const saved = (await orderCalls(page, 'order_update')).at(-1).input;
    assert.deepEqual(saved.items, [
      { product: 'Barcode printer ZD421', quantity: 1, unitPrice: 880008, amount: null },
      { product: 'Label roll', quantity: 12, unitPrice: 1250, amount: 12000 },
    ]);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
