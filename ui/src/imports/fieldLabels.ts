// How the wizard names the field a column fills: the customer form's labels for built-in fields,
// a custom dimension's own labels otherwise.
import type { TFunction } from 'i18next';
import type { FieldChoice } from '../ipc/client';

/** The form's label of each built-in import key. */
const BUILTIN = {
  external_id: 'field.externalId',
  name: 'field.name',
  kind: 'field.kind',
  lifecycle: 'field.lifecycle',
  tier: 'field.tier',
  phone: 'field.phone',
  email: 'field.email',
  company: 'field.company',
  country: 'field.country',
  province: 'field.province',
  city: 'field.city',
  address: 'field.address',
  industry: 'field.industry',
  size: 'field.size',
  source: 'field.source',
  owner: 'field.owner',
  tags: 'field.tagIds',
  website: 'field.website',
  notes: 'field.notes',
} as const;

export function fieldLabel(choice: FieldChoice, t: TFunction, language: string): string {
  if (choice.key in BUILTIN) return t(BUILTIN[choice.key as keyof typeof BUILTIN]);
  return (language === 'en' ? choice.labelEn : choice.labelZh) ?? choice.key;
}

/** The select's value for "leave this column out" (a field key never starts with an underscore). */
export const IGNORE = '__ignore';
