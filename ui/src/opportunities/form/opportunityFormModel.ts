// The opportunity form's values and how they become an OpportunityInput. Amounts are typed as
// text and become minor units through parseAmount; the form's rules have checked them already.
import dayjs, { type Dayjs } from 'dayjs';
import type { LineItem, OpportunityDetail, OpportunityInput, Stage } from '../../ipc/client';
import { amountText, lineItemsTotal, parseAmount } from '../money';

export interface LineItemValues {
  product: string;
  quantity: number | null;
  unitPrice: string;
}

export type Pricing = 'amount' | 'items';

export interface OpportunityFormValues {
  customerId: string | undefined;
  name: string;
  contactId: string | null;
  stageId: string | undefined;
  currency: string;
  pricing: Pricing;
  amount: string;
  items: LineItemValues[];
  expectedClose: Dayjs | null;
  /** An override of the stage's default; null keeps the default. */
  probability: number | null;
  lostReason: string;
  notes: string;
}

export const newLineItem = (): LineItemValues => ({ product: '', quantity: 1, unitPrice: '' });

function text(value: string | null | undefined): string | null {
  const t = (value ?? '').trim();
  return t ? t : null;
}

/** The items the user filled in, in minor units; unfinished rows are left out. */
export function toLineItems(items: LineItemValues[]): LineItem[] {
  return items
    .filter((i) => i.product.trim() || i.unitPrice.trim())
    .map((i) => ({ product: i.product.trim(), quantity: i.quantity ?? 0, unitPrice: parseAmount(i.unitPrice) ?? 0 }));
}

/**
 * The sum of the items as typed so far, or null when a price is not an amount yet. `amounts`
 * replaces a line's quantity × unit price where it holds a number (a kept discount).
 */
export function itemsTotal(items: LineItemValues[], amounts: (number | null)[] = []): number | null {
  const started = items.map((item, i) => ({ item, amount: amounts[i] ?? null })).filter(({ item }) => item.product.trim() || item.unitPrice.trim());
  if (started.some(({ item }) => parseAmount(item.unitPrice) === null || !item.quantity)) return null;
  const derived = lineItemsTotal(toLineItems(started.filter((s) => s.amount === null).map((s) => s.item)));
  return derived === null ? null : started.reduce((sum, s) => sum + (s.amount ?? 0), derived);
}

interface Defaults {
  customerId?: string;
  stages: Stage[];
}

/** The form's starting values: the opportunity being edited, or a new one in the first open stage. */
export function toFormValues(detail: OpportunityDetail | undefined, { customerId, stages }: Defaults): OpportunityFormValues {
  if (!detail) {
    return {
      customerId, name: '', contactId: null, stageId: stages.find((s) => s.outcome === 'open')?.id, currency: 'CNY',
      pricing: 'amount', amount: '', items: [newLineItem()], expectedClose: null, probability: null, lostReason: '', notes: '',
    };
  }
  const o = detail.opportunity;
  const stage = stages.find((s) => s.id === o.stage.id);
  return {
    customerId: o.customerId,
    name: o.name,
    contactId: o.contactId,
    stageId: o.stage.id,
    currency: o.currency,
    pricing: detail.items.length ? 'items' : 'amount',
    amount: amountText(o.amount),
    items: detail.items.length
      ? detail.items.map((i) => ({ product: i.product, quantity: i.quantity, unitPrice: amountText(i.unitPrice) }))
      : [newLineItem()],
    expectedClose: o.expectedClose ? dayjs(o.expectedClose) : null,
    // Only a probability that differs from the stage's default is an override worth keeping
    // when the stage changes.
    probability: stage && stage.probability === o.probability ? null : o.probability,
    lostReason: o.lostReason ?? '',
    notes: o.notes ?? '',
  };
}

export function toOpportunityInput(v: OpportunityFormValues, outcome: Stage['outcome'] | undefined): OpportunityInput {
  const items = v.pricing === 'items' ? toLineItems(v.items) : [];
  return {
    name: v.name.trim(),
    customerId: v.customerId ?? '',
    contactId: v.contactId ?? null,
    stageId: v.stageId ?? null,
    // With items the core sums them; the amount is sent too so that both agree.
    amount: v.pricing === 'items' ? (lineItemsTotal(items) ?? 0) : (parseAmount(v.amount) ?? 0),
    currency: v.currency,
    probability: outcome === 'open' ? v.probability : null,
    expectedClose: v.expectedClose ? v.expectedClose.format('YYYY-MM-DD') : null,
    // The owner stays who it is (the core's default for a new one: the user creating it).
    owner: null,
    lostReason: outcome === 'lost' ? text(v.lostReason) : null,
    items,
    notes: text(v.notes),
  };
}
