// How an order's status and items read wherever an order appears.
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { OrderItem, OrderStatus } from '../ipc/client';

const STATUS_COLORS: Record<OrderStatus, string> = {
  pending: 'gold',
  paid: 'blue',
  completed: 'green',
  cancelled: 'default',
  refunded: 'red',
};

/** Only paid and completed orders count as purchases (the core's rule). */
export function countsAsPurchase(status: OrderStatus): boolean {
  return status === 'paid' || status === 'completed';
}

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} variant="filled" className="order-status" data-testid="order-status-tag">
      {t(`orders.status.${status}`)}
    </Tag>
  );
}

/** "扫码枪 × 2 等 3 项": the first product and how many lines there are. */
export function itemsSummary(items: OrderItem[], t: TFunction): string {
  if (items.length === 0) return t('orders.list.noItems');
  const first = t('orders.list.itemLine', { product: items[0].product, quantity: items[0].quantity });
  return items.length === 1 ? first : t('orders.list.moreItems', { first, count: items.length, rest: items.length - 1 });
}

/** Every line as "product × quantity", for a tooltip over the summary. */
export function allItems(order: { items: OrderItem[] }, t: TFunction): string | undefined {
  if (order.items.length === 0) return undefined;
  return order.items.map((i) => t('orders.list.itemLine', { product: i.product, quantity: i.quantity })).join('\n');
}
