import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import { IpcFailure, ipc } from '../ipc/client';
import { renderWithProviders } from '../test/render';
import { chooseOption, popconfirmButton } from '../test/antdControls';
import { applyLanguage } from '../i18n';
import { OrdersCard } from './OrdersCard';
import { customerOrders, order, type OrdersIpcMock } from './orderFixtures';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createOrdersIpcMock } = await import('./orderFixtures');
  return { ...actual, ipc: createOrdersIpcMock() };
});
const mock = ipc as unknown as OrdersIpcMock;

const open = (readOnly = false) => renderWithProviders(<OrdersCard customerId="c-1" readOnly={readOnly} />);

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.customerOrders.mockResolvedValue(customerOrders());
});

describe('the customer’s orders card', () => {
  test('lists the newest orders with dates, numbers, status labels, items and formatted amounts', async () => {
    open();
    const rows = await screen.findAllByTestId('order-row');
    expect(mock.customerOrders).toHaveBeenCalledWith('c-1', 10);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('2026-03-01');
    expect(rows[0]).toHaveTextContent('JD-20260301-001');
    expect(rows[0]).toHaveTextContent('已付款');
    expect(rows[0]).toHaveTextContent('扫码枪 × 2 等 2 项');
    expect(within(rows[0]).getByTestId('order-amount')).toHaveTextContent('¥1,234.50');
    expect(rows[1]).toHaveTextContent('已退款');
    expect(rows[1]).toHaveTextContent('无订单号');
    expect(rows[1]).toHaveTextContent('数据线 × 1');
    expect(within(rows[1]).getByTestId('order-amount')).toHaveTextContent('¥50.00');
    expect(rows[2]).toHaveTextContent('已完成');
    expect(within(rows[2]).getByTestId('order-amount')).toHaveTextContent('US$8,800.08');
    expect(screen.getByTestId('orders-card')).toHaveTextContent('订单 (3)');
  });

  test('sums the counted orders per currency and says which orders count', async () => {
    open();
    const totals = await screen.findAllByTestId('orders-total');
    expect(totals.map((t) => t.textContent)).toEqual(['¥1,234.50', 'US$8,800.08']);
    expect(screen.getByTestId('orders-counted')).toHaveTextContent('计入 2 笔 / 共 3 笔订单');
    expect(screen.getByTestId('orders-last')).toHaveTextContent('最近购买 2026-03-01');
    expect(screen.getByTestId('orders-counted-hint')).toHaveTextContent('只计已付款和已完成的订单');
  });

  test('speaks English too', async () => {
    await applyLanguage('en');
    open();
    const rows = await screen.findAllByTestId('order-row');
    expect(rows[0]).toHaveTextContent('Paid');
    expect(rows[0]).toHaveTextContent('扫码枪 × 2 and 1 more');
    expect(rows[1]).toHaveTextContent('Refunded');
    expect(screen.getByTestId('orders-counted')).toHaveTextContent('2 of 3 orders counted');
    expect(screen.getByTestId('orders-counted-hint')).toHaveTextContent('Only paid and completed orders count');
    expect(screen.getByTestId('order-add')).toHaveTextContent('Add order');
  });

  test('an order opens to its items with the line amounts the core keeps, and its notes', async () => {
    const user = userEvent.setup();
    open();
    const rows = await screen.findAllByTestId('order-row');
    await user.click(within(rows[2]).getByRole('button', { name: /展开|expand/i }));
    const items = await screen.findByTestId('order-items');
    expect(within(items).getAllByTestId('order-item')[0]).toHaveTextContent('Barcode printer1US$8,800.08US$8,800.08');
    expect(items).toHaveTextContent('发票已开');
  });

  test('says so when the customer has no orders', async () => {
    mock.customerOrders.mockResolvedValue(customerOrders({ items: [], totalOrders: 0, countedOrders: 0, totals: [], lastOrderOn: null }));
    open();
    expect(await screen.findByText('还没有订单')).toBeInTheDocument();
    expect(screen.queryByTestId('order-row')).not.toBeInTheDocument();
  });

  test('offers more when the customer has more orders than shown', async () => {
    const user = userEvent.setup();
    mock.customerOrders.mockResolvedValue(customerOrders({ totalOrders: 24, countedOrders: 20 }));
    open();
    await user.click(await screen.findByTestId('orders-more'));
    await waitFor(() => expect(mock.customerOrders).toHaveBeenLastCalledWith('c-1', 30));
  });

  test('adds an order: today, paid, in minor units', async () => {
    const user = userEvent.setup();
    mock.orderCreate.mockResolvedValue(order({ id: 'ord-9' }));
    open();
    await screen.findAllByTestId('order-row');
    await user.click(screen.getByTestId('order-add'));

    const form = await screen.findByTestId('order-form');
    expect(within(form).getByTestId('order-date')).toHaveValue(dayjs().format('YYYY-MM-DD'));
    expect(within(form).getByTestId('order-status')).toHaveTextContent('已付款');
    await user.type(screen.getByTestId('order-number'), ' JD-9 ');
    await user.type(screen.getByTestId('item-product-0'), '扫码枪');
    await user.clear(screen.getByTestId('item-quantity-0'));
    await user.type(screen.getByTestId('item-quantity-0'), '3');
    await user.type(screen.getByTestId('item-price-0'), '12,000.50');
    await user.click(screen.getByTestId('item-add'));
    await user.type(screen.getByTestId('item-product-1'), '热敏纸');
    await user.type(screen.getByTestId('item-price-1'), '0.1');
    expect(screen.getByTestId('items-total')).toHaveTextContent('¥36,001.60');
    await user.type(screen.getByTestId('order-notes'), '门店自提');
    mock.customerOrders.mockClear();
    await user.click(screen.getByTestId('order-save'));

    await waitFor(() => expect(mock.orderCreate).toHaveBeenCalledTimes(1));
    expect(mock.orderCreate).toHaveBeenCalledWith({
      customerId: 'c-1',
      externalId: 'JD-9',
      orderedOn: dayjs().format('YYYY-MM-DD'),
      status: 'paid',
      currency: 'CNY',
      items: [
        { product: '扫码枪', quantity: 3, unitPrice: 1200050, amount: null },
        { product: '热敏纸', quantity: 1, unitPrice: 10, amount: null },
      ],
      notes: '门店自提',
    });
    // The list is asked again, and the form closes.
    await waitFor(() => expect(mock.customerOrders).toHaveBeenCalled());
    await waitFor(() => expect(screen.queryByTestId('order-form')).not.toBeInTheDocument());
  });

  test('does not send an order without a product', async () => {
    const user = userEvent.setup();
    open();
    await screen.findAllByTestId('order-row');
    await user.click(screen.getByTestId('order-add'));
    await user.click(await screen.findByTestId('order-save'));
    expect(await screen.findByText('请填写产品')).toBeInTheDocument();
    expect(mock.orderCreate).not.toHaveBeenCalled();
  });

  test('shows the core’s reason when it refuses the order, and keeps what was typed', async () => {
    const user = userEvent.setup();
    mock.orderCreate.mockRejectedValue(new IpcFailure('conflict', 'another order already has this order number'));
    open();
    await screen.findAllByTestId('order-row');
    await user.click(screen.getByTestId('order-add'));
    await user.type(await screen.findByTestId('order-number'), 'JD-20260301-001');
    await user.type(screen.getByTestId('item-product-0'), '扫码枪');
    await user.type(screen.getByTestId('item-price-0'), '450');
    await user.click(screen.getByTestId('order-save'));

    const error = await screen.findByTestId('order-form-error');
    expect(error).toHaveTextContent('订单号已被使用');
    expect(error).toHaveTextContent('another order already has this order number');
    expect(screen.getByTestId('order-number')).toHaveValue('JD-20260301-001');

    mock.orderCreate.mockRejectedValue(new IpcFailure('invalid_input', 'item 1: the quantity must be 1 to 1,000,000'));
    await user.click(screen.getByTestId('order-save'));
    await waitFor(() => expect(screen.getByTestId('order-form-error')).toHaveTextContent('订单未保存'));
    expect(screen.getByTestId('order-form-error')).toHaveTextContent('item 1: the quantity must be 1 to 1,000,000');
  });

  test('edits an order: its values in the form, the changes sent for its id', async () => {
    const user = userEvent.setup();
    mock.orderUpdate.mockResolvedValue(order({ status: 'completed' }));
    open();
    const rows = await screen.findAllByTestId('order-row');
    await user.click(within(rows[0]).getByTestId('order-edit'));
    expect(await screen.findByTestId('order-number')).toHaveValue('JD-20260301-001');
    expect(screen.getByTestId('item-price-0')).toHaveValue('450.00');
    expect(screen.getByTestId('items-total')).toHaveTextContent('¥1,234.50');
    await chooseOption(user, screen.getByTestId('order-status'), '已完成');
    await user.click(screen.getByTestId('order-save'));

    await waitFor(() => expect(mock.orderUpdate).toHaveBeenCalledTimes(1));
    const [id, input] = mock.orderUpdate.mock.calls[0];
    expect(id).toBe('ord-1');
    expect(input).toEqual({
      customerId: 'c-1',
      externalId: 'JD-20260301-001',
      orderedOn: '2026-03-01',
      status: 'completed',
      currency: 'CNY',
      items: [
        { product: '扫码枪', quantity: 2, unitPrice: 45000, amount: null },
        { product: '热敏纸', quantity: 10, unitPrice: 3345, amount: null },
      ],
      notes: null,
    });
  });

  test('a discounted line keeps its amount through an edit until its quantity or price changes', async () => {
    const user = userEvent.setup();
    mock.customerOrders.mockResolvedValue(
      customerOrders({
        items: [
          order({
            amount: 83345,
            items: [
              { product: '扫码枪', quantity: 2, unitPrice: 45000, amount: 80000 },
              { product: '热敏纸', quantity: 1, unitPrice: 3345, amount: 3345 },
            ],
          }),
        ],
      }),
    );
    mock.orderUpdate.mockResolvedValue(order({ status: 'completed' }));
    open();
    await user.click(await screen.findByTestId('order-edit'));
    expect(await screen.findByTestId('order-form-discounted')).toBeInTheDocument();
    // The line shows and sums its kept amount, not 2 × 450.
    expect(screen.getByTestId('items-total')).toHaveTextContent('¥833.45');
    await chooseOption(user, screen.getByTestId('order-status'), '已完成');
    await user.click(screen.getByTestId('order-save'));
    await waitFor(() => expect(mock.orderUpdate).toHaveBeenCalledTimes(1));
    expect(mock.orderUpdate.mock.calls[0][1].items).toEqual([
      { product: '扫码枪', quantity: 2, unitPrice: 45000, amount: 80000 },
      { product: '热敏纸', quantity: 1, unitPrice: 3345, amount: null },
    ]);

    // A changed quantity prices the line anew.
    await user.click(await screen.findByTestId('order-edit'));
    const quantity = await screen.findByTestId('item-quantity-0');
    await user.clear(quantity);
    await user.type(quantity, '3');
    await waitFor(() => expect(screen.getByTestId('items-total')).toHaveTextContent('¥1,383.45'));
    await user.click(screen.getByTestId('order-save'));
    await waitFor(() => expect(mock.orderUpdate).toHaveBeenCalledTimes(2));
    expect(mock.orderUpdate.mock.calls[1][1].items).toEqual([
      { product: '扫码枪', quantity: 3, unitPrice: 45000, amount: null },
      { product: '热敏纸', quantity: 1, unitPrice: 3345, amount: null },
    ]);
  });

  test('deletes an order only once the user confirms', async () => {
    const user = userEvent.setup();
    mock.orderDelete.mockResolvedValue(null);
    open();
    const rows = await screen.findAllByTestId('order-row');
    await user.click(within(rows[0]).getByTestId('order-delete'));
    expect(await screen.findByText('删除订单 JD-20260301-001？')).toBeInTheDocument();
    expect(mock.orderDelete).not.toHaveBeenCalled();

    mock.customerOrders.mockClear();
    await user.click(await popconfirmButton(/删\s*除/));
    await waitFor(() => expect(mock.orderDelete).toHaveBeenCalledWith('ord-1'));
    await waitFor(() => expect(mock.customerOrders).toHaveBeenCalled());
  });

  test('offers no changes for a customer in the trash', async () => {
    open(true);
    await screen.findAllByTestId('order-row');
    expect(screen.queryByTestId('order-add')).not.toBeInTheDocument();
    expect(screen.queryByTestId('order-edit')).not.toBeInTheDocument();
    expect(screen.queryByTestId('order-delete')).not.toBeInTheDocument();
  });

});
