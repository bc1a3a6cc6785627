// Orders and segment memberships as the core would send them, for tests; and the ipc mock with
// the order and segment commands (the shared one predates them).
import { vi, type Mock } from 'vitest';
import type { CustomerOrders, Ipc, Order, SegmentRef } from '../ipc/client';
import { createIpcMock, type IpcMock } from '../test/ipcMock';

const ORDER_COMMANDS = ['orderCreate', 'orderUpdate', 'orderDelete', 'orderGet', 'customerOrders', 'customerSegments'] as const;

export type OrdersIpcMock = IpcMock & { [K in (typeof ORDER_COMMANDS)[number]]: Mock<Ipc[K]> };

export function createOrdersIpcMock(): OrdersIpcMock {
  const mock = createIpcMock() as Record<string, Mock>;
  for (const name of ORDER_COMMANDS) mock[name] = vi.fn(() => Promise.reject(new Error(`unexpected ipc call ${name}`)));
  return mock as unknown as OrdersIpcMock;
}

export function order(overrides: Partial<Order> = {}): Order {
  return {
    id: 'ord-1',
    externalId: 'JD-20260301-001',
    customerId: 'c-1',
    customerName: '张伟',
    orderedOn: '2026-03-01',
    status: 'paid',
    currency: 'CNY',
    amount: 123450,
    items: [
      { product: '扫码枪', quantity: 2, unitPrice: 45000, amount: 90000 },
      { product: '热敏纸', quantity: 10, unitPrice: 3345, amount: 33450 },
    ],
    notes: null,
    createdAt: '2026-03-01T02:00:00Z',
    createdBy: 'admin',
    updatedAt: '2026-03-01T02:00:00Z',
    ...overrides,
  };
}

/** Three orders: a paid one in yuan, a refunded one and a completed one in US dollars. */
export const ORDERS: Order[] = [
  order(),
  order({
    id: 'ord-2',
    externalId: null,
    orderedOn: '2026-02-14',
    status: 'refunded',
    amount: 5000,
    items: [{ product: '数据线', quantity: 1, unitPrice: 5000, amount: 5000 }],
  }),
  order({
    id: 'ord-3',
    externalId: 'AMZ-778',
    orderedOn: '2026-01-20',
    status: 'completed',
    currency: 'USD',
    amount: 880008,
    items: [{ product: 'Barcode printer', quantity: 1, unitPrice: 880008, amount: 880008 }],
    notes: '发票已开',
  }),
];

export function customerOrders(overrides: Partial<CustomerOrders> = {}): CustomerOrders {
  return {
    items: ORDERS,
    totalOrders: 3,
    countedOrders: 2,
    totals: [
      { currency: 'CNY', amount: 123450 },
      { currency: 'USD', amount: 880008 },
    ],
    lastOrderOn: '2026-03-01',
    ...overrides,
  };
}

export const SEGMENTS: SegmentRef[] = [
  { id: 'seg-vip', name: '高价值客户', kind: 'dynamic' },
  { id: 'seg-black', name: '黑名单', kind: 'fixed' },
  { id: 'seg-q1', name: '一季度活动名单', kind: 'snapshot' },
];
