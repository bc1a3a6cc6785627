// Turning a change-log entry into words: field names in the user's language, option keys as
// labels, tag ids as tag names, timestamps in local time.
import type { TFunction } from 'i18next';
import type { FieldDef, HistoryEntry, Language, Tag, Value } from '../../ipc/client';
import { fieldLabel, findField, optionLabel, tagById } from '../../classification/labels';
import { customValueText } from '../../classification/customValue';
import { formatDateTime } from '../display';
import type { zhCN } from '../../i18n/zh-CN';

export interface HistoryContext {
  t: TFunction;
  language: Language;
  /** All dimensions, deleted ones too: old entries may name them. */
  fields: FieldDef[];
  tags: Tag[];
}

type FieldKey = keyof typeof zhCN.field;
const CHOICE_DIMENSIONS = new Set(['tier', 'industry', 'source']);
const TIMESTAMPS = new Set(['deletedAt', 'occurredAt', 'createdAt', 'updatedAt']);

export function historyFieldName(ctx: HistoryContext, field: string): string {
  if (field.startsWith('custom.')) {
    const def = findField(ctx.fields, field.slice('custom.'.length));
    return def ? fieldLabel(def, ctx.language) : field.slice('custom.'.length);
  }
  if (CHOICE_DIMENSIONS.has(field)) {
    const def = findField(ctx.fields, field);
    if (def) return fieldLabel(def, ctx.language);
  }
  const key = `field.${field as FieldKey}` as const;
  return ctx.t(key, { defaultValue: field });
}

function plain(value: Value): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map(plain).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** One old or new value as the user reads it; "(empty)" when there was none. */
export function historyValue(ctx: HistoryContext, entity: string, field: string, value: Value | null | undefined): string {
  const { t, language } = ctx;
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return t('history.emptyValue');
  }
  if (field.startsWith('custom.')) {
    const def = findField(ctx.fields, field.slice('custom.'.length));
    if (typeof value === 'number' || typeof value === 'string' || Array.isArray(value)) {
      return customValueText(def, value as string | number | string[], language);
    }
    return plain(value);
  }
  if (typeof value === 'string') {
    if (field === 'kind' && entity === 'activity') return t(`activityKind.${value as 'call'}`, { defaultValue: value });
    if (field === 'kind') return t(`kind.${value as 'individual'}`, { defaultValue: value });
    if (field === 'lifecycle') return t(`lifecycle.${value as 'potential'}`, { defaultValue: value });
    if (field === 'size') return t(`size.${value as 'large'}`, { defaultValue: value });
    if (CHOICE_DIMENSIONS.has(field)) return optionLabel(findField(ctx.fields, field), value, language);
    if (TIMESTAMPS.has(field)) return formatDateTime(value);
  }
  if (field === 'tagIds' && Array.isArray(value)) {
    return value.map((id) => (typeof id === 'string' ? (tagById(ctx.tags, id)?.name ?? id) : plain(id))).join('、');
  }
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  return plain(value);
}

/** What the entry is about: the customer itself, or one of its contacts or activities. */
export function historySubject(ctx: HistoryContext, entry: HistoryEntry): string {
  const label = entry.label ?? ctx.t('history.deletedRecord');
  if (entry.entity === 'contact') return ctx.t('history.contact', { label });
  if (entry.entity === 'activity') return ctx.t('history.activity', { label });
  return ctx.t('history.customer');
}
