// Selling against the built bundle in chromium, over the fake backend: drag opportunities across
// the kanban board (lost asks why), create one with an exact amount, open one, read the funnel,
// and the same screens in English.
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
const column = (page, key) => byTestId(page, `board-column-${key}`);
const cardIn = (page, key, name) => column(page, key).locator('[data-testid="opportunity-card"]').filter({ hasText: name });

describe('opportunities', () => {
  test('cards are dragged between stages; lost asks for a reason', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/opportunities' });
    await cardIn(page, 'initial', '年度设备采购').waitFor();
    assert.equal(await column(page, 'initial').locator('[data-testid="board-column-count"]').textContent(), '4');
    await screenshot(page, '30-opportunity-board');

    // Initial contact → needs confirmed.
    await cardIn(page, 'initial', '年度设备采购').dragTo(column(page, 'needs'));
    await cardIn(page, 'needs', '年度设备采购').waitFor();
    assert.equal(await cardIn(page, 'initial', '年度设备采购').count(), 0);
    const moves = await backendCalls(page, 'opportunity_move');
    assert.deepEqual(moves[0], { id: 'o-001', stageId: 'stage-needs', lostReason: null });
    await column(page, 'needs').locator('[data-testid="board-column-count"]').filter({ hasText: /^4$/ }).waitFor();

    // Needs confirmed → lost: nothing moves until a reason is given.
    await cardIn(page, 'needs', '办公网络升级').dragTo(column(page, 'lost'));
    await byTestId(page, 'lost-reason-input').waitFor();
    assert.equal((await backendCalls(page, 'opportunity_move')).length, 1);
    await byTestId(page, 'lost-reason-input').fill('客户选择了价格更低的竞品');
    await screenshot(page, '31-lost-reason');
    await byTestId(page, 'lost-reason-submit').click();
    await cardIn(page, 'lost', '办公网络升级').waitFor();
    assert.deepEqual((await backendCalls(page, 'opportunity_move'))[1], {
      id: 'o-006', stageId: 'stage-lost', lostReason: '客户选择了价格更低的竞品',
    });
    await byTestId(page, 'lost-reason-input').waitFor({ state: 'detached' });
    await screenshot(page, '32-board-after-moves');

    // The opportunity's page shows the moves; a stage is also changed from there.
    await cardIn(page, 'lost', '办公网络升级').click();
    await byTestId(page, 'opportunity-title').filter({ hasText: '办公网络升级' }).waitFor();
    await byTestId(page, 'stage-change').filter({ hasText: '客户选择了价格更低的竞品' }).waitFor();
    assert.equal(await byTestId(page, 'opportunity-weighted-value').textContent(), '¥0.00');
    await screenshot(page, '33-opportunity-page');
    await byTestId(page, 'stage-step-proposal').click();
    await byTestId(page, 'opportunity-title').filter({ hasText: '方案报价' }).waitFor();
    assert.equal(await byTestId(page, 'opportunity-weighted-value').textContent(), '¥32,000.00');
    assert.equal(await byTestId(page, 'stage-change').count(), 3);

    // Back on the board the list view has it too, filtered by stage.
    await byTestId(page, 'nav-opportunities').click();
    await byTestId(page, 'view-toggle').getByText('列表').click();
    await byTestId(page, 'opportunity-row').first().waitFor();
    assert.equal(await byTestId(page, 'opportunity-row').count(), 14);
    await screenshot(page, '34-opportunity-list');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a new opportunity keeps the exact amount typed', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/opportunities' });
    await cardIn(page, 'initial', '年度设备采购').waitFor();
    await byTestId(page, 'opportunity-new').click();
    await byTestId(page, 'opportunity-form').waitFor();
    await byTestId(page, 'opportunity-customer').click();
    await page.keyboard.type('张伟');
    await page.locator('.ant-select-item-option').filter({ hasText: '张伟' }).first().click();
    await byTestId(page, 'opportunity-name').fill('备件年度框架协议');
    await byTestId(page, 'opportunity-amount').fill('12,000.50');
    await byTestId(page, 'opportunity-close').click();
    await page.keyboard.type('2026-12-31');
    await page.keyboard.press('Enter');
    await screenshot(page, '35-opportunity-form');
    await byTestId(page, 'opportunity-form-submit').click();

    await cardIn(page, 'initial', '备件年度框架协议').filter({ hasText: '¥12,000.50' }).waitFor();
    const [created] = await backendCalls(page, 'opportunity_create');
    assert.equal(created.input.amount, 1200050);
    assert.equal(created.input.customerId, 'c-0001');
    assert.equal(created.input.stageId, 'stage-initial');
    assert.equal(created.input.expectedClose, '2026-12-31');

    // The customer's 360 page lists it.
    await page.goto(`${server.url}#/customers/c-0001`);
    await byTestId(page, 'customer-sales-opportunity').filter({ hasText: '备件年度框架协议' }).waitFor();
    await screenshot(page, '36-customer-sales-card');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a sales rep cannot drag someone else’s card', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/opportunities', signedIn: 'lina' });
    await cardIn(page, 'initial', '年度设备采购').waitFor();
    assert.equal(await cardIn(page, 'initial', '年度设备采购').getAttribute('draggable'), 'false');
    assert.equal(await cardIn(page, 'initial', '智能仓储一期').getAttribute('draggable'), 'true');
    await byTestId(page, 'mine-only').click();
    await cardIn(page, 'initial', '年度设备采购').waitFor({ state: 'detached' });
    assert.equal((await backendCalls(page, 'opportunity_board')).at(-1).owner, 'lina');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the funnel shows the stages, conversions and the forecast', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/funnel' });
    await byTestId(page, 'funnel-stage-initial').waitFor();
    for (const key of ['needs', 'proposal', 'negotiation', 'won']) await byTestId(page, `funnel-stage-${key}`).waitFor();
    // All 13 CNY deals reached the first stage (the USD one is another currency); 10 got further.
    assert.match(await byTestId(page, 'funnel-conversion-initial').textContent(), /76\.9%/);
    for (const chart of ['funnel-forecast-month', 'funnel-forecast-owner', 'funnel-forecast-territory']) {
      assert.ok((await byTestId(page, chart).locator('[data-testid="forecast-row"]').count()) > 0, chart);
    }
    await byTestId(page, 'funnel-forecast-territory').getByText('未分配区域').waitFor();
    await screenshot(page, '37-funnel');

    await byTestId(page, 'funnel-currency').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'USD' }).click();
    await byTestId(page, 'kpi-open').filter({ hasText: 'US$52,000.00' }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the same screens in English', async () => {
    const { page, context, errors } = await openApp(browser, server.url, { hash: '#/opportunities', language: 'en', locale: 'en-US' });
    await column(page, 'initial').filter({ hasText: 'Initial contact' }).waitFor();
    await cardIn(page, 'initial', '年度设备采购').waitFor();
    await screenshot(page, '40-opportunity-board-en');
    await cardIn(page, 'negotiation', '安防监控采购').click();
    await byTestId(page, 'stage-stepper').getByText('Negotiation').waitFor();
    await screenshot(page, '41-opportunity-page-en');
    // The amount from line items, summed exactly.
    await byTestId(page, 'opportunity-edit').click();
    await byTestId(page, 'opportunity-pricing').getByText('Line items').click();
    await byTestId(page, 'item-product-0').fill('Dome camera');
    await byTestId(page, 'item-quantity-0').fill('40');
    await byTestId(page, 'item-price-0').fill('1,250.50');
    await byTestId(page, 'item-add').click();
    await byTestId(page, 'item-product-1').fill('Installation');
    await byTestId(page, 'item-price-1').fill('0.10');
    await byTestId(page, 'items-total').filter({ hasText: '¥50,020.10' }).waitFor();
    await screenshot(page, '41b-line-items-en');
    await byTestId(page, 'opportunity-form-submit').click();
    await byTestId(page, 'opportunity-items').filter({ hasText: 'Dome camera' }).waitFor();
    assert.equal(await byTestId(page, 'opportunity-amount-value').textContent(), '¥50,020.10');
    const [update] = await backendCalls(page, 'opportunity_update');
    assert.deepEqual(update.input.items, [
      { product: 'Dome camera', quantity: 40, unitPrice: 125050 },
      { product: 'Installation', quantity: 1, unitPrice: 10 },
    ]);
    await screenshot(page, '41c-opportunity-items-en');
    await byTestId(page, 'nav-funnel').click();
    await byTestId(page, 'funnel-conversion-initial').filter({ hasText: 'move on' }).waitFor();
    await byTestId(page, 'funnel-forecast-territory').getByText('Unassigned territory').waitFor();
    await screenshot(page, '42-funnel-en');
    await byTestId(page, 'nav-settings').click();
    await page.getByRole('tab', { name: /stages/i }).click();
    await byTestId(page, 'stage-row').first().waitFor();
    await screenshot(page, '43-stages-en');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
