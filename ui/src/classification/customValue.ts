import type { CustomValue, FieldDef, Language } from '../ipc/client';
import { optionLabel } from './labels';

/** A custom dimension's value as text: option labels for choices, the number or date as stored. */
export function customValueText(field: FieldDef | undefined, value: CustomValue | undefined, language: Language): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((k) => optionLabel(field, k, language)).join('、');
  if (typeof value === 'number') return value.toLocaleString(language);
  if (field?.fieldType === 'single_select') return optionLabel(field, value, language);
  return value;
}
