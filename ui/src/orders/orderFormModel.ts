// The order form's values and how they become an OrderInput. Unit prices are typed as text and
// become minor units through parseAmount (the items editor's rules have checked them already);
// the core sums the lines into the order's amount.
import dayjs, { type Dayjs } from 'dayjs';
import type { Order, OrderInput, OrderStatus } from '../ipc/client';
import { amountText } from '../opportunities/money';
import { newLineItem, toLineItems, type LineItemValues } from '../opportunities/form/opportunityFormModel';

export const ORDER_STATUSES: OrderStatus[] = ['pending', 'paid', 'completed', 'cancelled', 'refunded'];

export interface OrderFormValues {
  orderedOn: Dayjs | null;
  status: OrderStatus;
  externalId: string;
  currency: string;
  items: LineItemValues[];
  notes: string;
}

function text(value: string | null | undefined): string | null {
  const t = (value ?? '').trim();
  return t ? t : null;
}

/** The form's starting values: the order being edited, or a paid order of today in yuan. */
export function toFormValues(order: Order | undefined): OrderFormValues {
  if (!order) {
    return { orderedOn: dayjs(), status: 'paid', externalId: '', currency: 'CNY', items: [newLineItem()], notes: '' };
  }
  return {
    orderedOn: dayjs(order.orderedOn),
    status: order.status,
    externalId: order.externalId ?? '',
    currency: order.currency,
    items: order.items.length
      ? order.items.map((i) => ({ product: i.product, quantity: i.quantity, unitPrice: amountText(i.unitPrice) }))
      : [newLineItem()],
    notes: order.notes ?? '',
  };
}

export function toOrderInput(customerId: string, v: OrderFormValues): OrderInput {
  return {
    customerId,
    externalId: text(v.externalId),
    orderedOn: v.orderedOn ? v.orderedOn.format('YYYY-MM-DD') : '',
    status: v.status,
    currency: v.currency,
    items: toLineItems(v.items),
    notes: text(v.notes),
  };
}

/** Whether any line's amount is not quantity × unit price (a discount kept from an import). */
export function hasAdjustedLines(order: Order | undefined): boolean {
  return Boolean(order?.items.some((i) => i.amount !== i.quantity * i.unitPrice));
}
