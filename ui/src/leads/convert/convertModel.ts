// The conversion form's values and the ConvertInput the core takes. Amounts are typed as
// decimals and sent as integer minor units (fen, cents), converted on the digits, never through
// floating point: 12000.50 -> 1200050.
import type { Dayjs } from 'dayjs';
import type { ConvertInput, CustomerInput, Kind } from '../../ipc/client';
import { textOrNull } from '../../customers/form/customerFormModel';

/** The choice of the customer to convert into: a new one, or an existing one's id. */
export const NEW_CUSTOMER = 'new';

export interface ConvertFormValues {
  choice?: string;
  customer: {
    name: string;
    kind: Kind;
    company?: string | null;
    phones?: string;
    emails?: string;
    province?: string | null;
    city?: string | null;
  };
  createContact: boolean;
  withOpportunity: boolean;
  opportunity: {
    name: string;
    stageId?: string | null;
    amount?: string;
    currency: string;
    expectedClose?: Dayjs | null;
  };
}

/** `12000.5`, `12,000.50` -> 1200050; blank -> 0; anything else (or more than 2 decimals) -> null. */
export function parseAmount(text: string | null | undefined): number | null {
  const t = (text ?? '').replace(/[,\s_，]/g, '');
  if (t === '') return 0;
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(t);
  if (!m) return null;
  const minor = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Several phones or emails typed one per line or separated by commas. */
export function splitList(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(/[\n,;，；、]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The form's start: the core's draft of the customer, a contact for a company's lead, no opportunity. */
export function initialConvertValues(
  draft: CustomerInput,
  hasMatches: boolean,
  stageId: string | null,
  opportunityName: string,
): ConvertFormValues {
  return {
    // With look-alikes the user must say whether it is one of them; without, a new customer.
    choice: hasMatches ? undefined : NEW_CUSTOMER,
    customer: {
      name: draft.name,
      kind: draft.kind,
      company: draft.company ?? '',
      phones: (draft.phones ?? []).join('\n'),
      emails: (draft.emails ?? []).join('\n'),
      province: draft.province ?? '',
      city: draft.city ?? '',
    },
    createContact: draft.kind !== 'individual',
    withOpportunity: false,
    opportunity: { name: opportunityName, stageId, amount: '', currency: 'CNY', expectedClose: null },
  };
}

/** An individual customer is their own contact; only a company or an agency gets the lead's person as one. */
export function contactPossible(values: Pick<ConvertFormValues, 'choice' | 'customer'>): boolean {
  return values.choice !== NEW_CUSTOMER || values.customer.kind !== 'individual';
}

export function toConvertInput(values: ConvertFormValues, draft: CustomerInput): ConvertInput {
  const isNew = values.choice === NEW_CUSTOMER;
  const c = values.customer;
  const newCustomer: CustomerInput | null = isNew
    ? {
        ...draft,
        name: c.name.trim(),
        kind: c.kind,
        company: textOrNull(c.company),
        phones: splitList(c.phones),
        emails: splitList(c.emails),
        province: textOrNull(c.province),
        city: textOrNull(c.city),
      }
    : null;
  const o = values.opportunity;
  return {
    existingCustomerId: isNew ? null : (values.choice ?? null),
    newCustomer,
    createContact: values.createContact && contactPossible(values),
    opportunity: values.withOpportunity
      ? {
          name: o.name.trim(),
          stageId: o.stageId ?? null,
          amount: parseAmount(o.amount) ?? 0,
          currency: o.currency,
          expectedClose: o.expectedClose ? o.expectedClose.format('YYYY-MM-DD') : null,
          items: [],
          notes: null,
        }
      : null,
  };
}
