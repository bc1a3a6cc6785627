// The form's values and their translation to and from what the core takes. The core treats
// empty strings as "no value" too, but the contract asks for null, and lists without blanks.
import type { Customer, CustomerInput, CustomValue, FieldDef, Kind, Lifecycle, Size } from '../../ipc/client';

export type CustomFormValue = string | number | string[] | null | undefined;

export interface CustomerFormValues {
  name: string;
  kind: Kind;
  lifecycle: Lifecycle;
  tier?: string | null;
  industry?: string | null;
  source?: string | null;
  size?: Size | null;
  owner?: string | null;
  company?: string | null;
  website?: string | null;
  externalId?: string | null;
  country?: string | null;
  province?: string | null;
  city?: string | null;
  address?: string | null;
  notes?: string | null;
  phones?: (string | null | undefined)[];
  emails?: (string | null | undefined)[];
  tagIds?: string[];
  custom?: Record<string, CustomFormValue>;
}

export const TEXT_FIELDS = [
  'owner',
  'company',
  'website',
  'externalId',
  'country',
  'province',
  'city',
  'address',
  'notes',
] as const;

/** Trimmed text, or null when nothing is left. */
export function textOrNull(value: string | null | undefined): string | null {
  const s = (value ?? '').trim();
  return s === '' ? null : s;
}

function listOf(values: (string | null | undefined)[] | undefined): string[] {
  return (values ?? []).map(textOrNull).filter((v): v is string => v !== null);
}

function customValue(field: FieldDef, value: CustomFormValue): CustomValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.length > 0 ? value : undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const text = textOrNull(value);
  if (text === null) return undefined;
  return field.fieldType === 'number' && !Number.isNaN(Number(text)) ? Number(text) : text;
}

/**
 * The input for the core. Only live custom dimensions are sent: the core refuses values for a
 * dimension that was deleted meanwhile, and an absent key means "no value".
 */
export function toCustomerInput(values: CustomerFormValues, customFields: FieldDef[]): CustomerInput {
  const custom: Record<string, CustomValue> = {};
  for (const field of customFields) {
    const v = customValue(field, values.custom?.[field.key]);
    if (v !== undefined) custom[field.key] = v;
  }
  const input: CustomerInput = {
    name: values.name.trim(),
    kind: values.kind,
    lifecycle: values.lifecycle,
    tier: values.tier ?? null,
    industry: values.industry ?? null,
    source: values.source ?? null,
    size: values.size ?? null,
    phones: listOf(values.phones),
    emails: listOf(values.emails),
    tagIds: values.tagIds ?? [],
    custom,
  };
  for (const key of TEXT_FIELDS) input[key] = textOrNull(values[key]);
  return input;
}

/** The form's starting values: the customer's, or a new individual prospect with one blank phone and email. */
export function toFormValues(customer: Customer | undefined): CustomerFormValues {
  if (!customer) {
    return { name: '', kind: 'individual', lifecycle: 'potential', phones: [''], emails: [''], tagIds: [], custom: {} };
  }
  return {
    name: customer.name,
    kind: customer.kind,
    lifecycle: customer.lifecycle,
    tier: customer.tier,
    industry: customer.industry,
    source: customer.source,
    size: customer.size,
    owner: customer.owner,
    company: customer.company,
    website: customer.website,
    externalId: customer.externalId,
    country: customer.country,
    province: customer.province,
    city: customer.city,
    address: customer.address,
    notes: customer.notes,
    phones: customer.phones.length > 0 ? customer.phones : [''],
    emails: customer.emails.length > 0 ? customer.emails : [''],
    tagIds: customer.tagIds,
    custom: { ...customer.custom },
  };
}
