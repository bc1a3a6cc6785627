import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import { ipc } from '../../ipc/client';
import type { OrdersIpcMock } from '../../orders/orderFixtures';
import { SEGMENTS, customerOrders } from '../../orders/orderFixtures';
import { ADMIN, FIELDS, SALES_REP, TAGS, customer } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { applyLanguage } from '../../i18n';
import { CustomerPage } from './CustomerPage';

vi.mock('../../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../ipc/client')>();
  const { createOrdersIpcMock } = await import('../../orders/orderFixtures');
  return { ...actual, ipc: createOrdersIpcMock() };
});
const mock = ipc as unknown as OrdersIpcMock;

const open = (user = ADMIN) => renderWithProviders(<CustomerPage />, { route: '/customers/c-1', path: '/customers/:id', user });

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.fieldList.mockResolvedValue(FIELDS);
  mock.tagList.mockResolvedValue(TAGS);
  mock.activityList.mockResolvedValue({ items: [], nextCursor: null });
  mock.contactList.mockResolvedValue([]);
  mock.customerHistory.mockResolvedValue([]);
  mock.customerOrders.mockResolvedValue(customerOrders());
  mock.customerSegments.mockResolvedValue(SEGMENTS);
});

describe('CustomerPage', () => {
  test('shows the territory the customer falls in', async () => {
    mock.customerGet.mockResolvedValue(customer({ territory: { id: 't-south', name: '华南区' } }));
    open();
    expect(await screen.findByTestId('customer-territory')).toHaveTextContent('华南区');
    expect(screen.getByTestId('customer-details')).toHaveTextContent('所属区域华南区');
  });

  test('says so when no territory covers the customer’s location', async () => {
    mock.customerGet.mockResolvedValue(customer({ territory: null }));
    open();
    expect(await screen.findByTestId('customer-territory')).toHaveTextContent('未分配区域');
  });

  test('only an administrator is offered to restore a customer from the trash', async () => {
    mock.customerGet.mockResolvedValue(customer({ deletedAt: '2025-06-03T01:00:00Z' }));
    const admin = open(ADMIN);
    expect(await screen.findByTestId('restore-customer')).toBeInTheDocument();
    admin.unmount();

    open(SALES_REP);
    await screen.findByTestId('customer-title');
    expect(screen.queryByTestId('restore-customer')).not.toBeInTheDocument();
    expect(screen.getByText(/只有管理员可以恢复/)).toBeInTheDocument();
  });

  test('shows what the customer bought and the segments it is in', async () => {
    mock.customerGet.mockResolvedValue(customer());
    open();
    const orders = await screen.findByTestId('orders-card');
    expect(await within(orders).findAllByTestId('order-row')).toHaveLength(3);
    expect(within(orders).getByTestId('orders-totals')).toHaveTextContent('¥1,234.50');
    expect(within(orders).getByTestId('order-add')).toBeInTheDocument();
    const segments = screen.getByTestId('customer-segments');
    expect(await within(segments).findAllByTestId('customer-segment')).toHaveLength(3);
    expect(mock.customerOrders).toHaveBeenCalledWith('c-1', 10);
    expect(mock.customerSegments).toHaveBeenCalledWith('c-1');
  });

  test('a customer in the trash shows its orders but offers no new one', async () => {
    mock.customerGet.mockResolvedValue(customer({ deletedAt: '2025-06-03T01:00:00Z' }));
    open();
    const orders = await screen.findByTestId('orders-card');
    await within(orders).findAllByTestId('order-row');
    expect(within(orders).queryByTestId('order-add')).not.toBeInTheDocument();
  });
});
