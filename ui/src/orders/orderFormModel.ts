// The order form's values and how they become an OrderInput. Unit prices are typed as text and
// become minor units through parseAmount (the items editor's rules have checked them already);
// the core sums the lines into the order's amount. A line an import gave another amount than
// quantity × unit price (a discount) keeps it through an edit that leaves its product, quantity
// and price alone.
import dayjs, { type Dayjs } from 'dayjs';
import type { Order, OrderInput, OrderLineInput, OrderStatus } from '../ipc/client';
import { amountText, parseAmount } from '../opportunities/money';
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

/**
 * Per form line, the amount kept from the order being edited: its own line at the same place
 * when product, quantity and price are unchanged and the amount is not their product; else null
 * (the core derives quantity × unit price).
 */
export function keptLineAmounts(items: LineItemValues[], order: Order | null | undefined): (number | null)[] {
  return items.map((line, i) => {
    const was = order?.items[i];
    if (!was || was.amount === was.quantity * was.unitPrice) return null;
    const same = line.product.trim() === was.product && line.quantity === was.quantity && parseAmount(line.unitPrice) === was.unitPrice;
    return same ? was.amount : null;
  });
}

export function toOrderInput(customerId: string, v: OrderFormValues, editing?: Order | null): OrderInput {
  const kept = keptLineAmounts(v.items, editing);
  const items: OrderLineInput[] = v.items.flatMap((line, i) =>
    toLineItems([line]).map((item) => ({ ...item, amount: kept[i] ?? null })),
  );
  return {
    customerId,
    externalId: text(v.externalId),
    orderedOn: v.orderedOn ? v.orderedOn.format('YYYY-MM-DD') : '',
    status: v.status,
    currency: v.currency,
    items,
    notes: text(v.notes),
  };
}

/** Whether any line's amount is not quantity × unit price (a discount kept from an import). */
export function hasAdjustedLines(order: Order | undefined): boolean {
  return Boolean(order?.items.some((i) => i.amount !== i.quantity * i.unitPrice));
}
