// The lead form's values and what the core takes: trimmed text, null for "no value".
import type { Lead, LeadInput } from '../../ipc/client';
import { textOrNull } from '../../customers/form/customerFormModel';

export const LEAD_TEXT_FIELDS = [
  'company',
  'phone',
  'email',
  'source',
  'industry',
  'country',
  'province',
  'city',
  'notes',
] as const;

export type LeadFormValues = { name: string } & { [K in (typeof LEAD_TEXT_FIELDS)[number]]?: string | null };

export function toLeadInput(values: LeadFormValues): LeadInput {
  const input: LeadInput = { name: values.name.trim() };
  for (const key of LEAD_TEXT_FIELDS) input[key] = textOrNull(values[key]);
  return input;
}

export function toLeadFormValues(lead: Lead | undefined): LeadFormValues {
  const values: LeadFormValues = { name: lead?.name ?? '' };
  for (const key of LEAD_TEXT_FIELDS) values[key] = lead?.[key] ?? '';
  return values;
}
