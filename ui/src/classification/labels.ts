// Turning stored keys (dimension keys, option keys, tag ids) into what the user reads.
import type { FieldDef, Language, Tag } from '../ipc/client';

export function fieldLabel(field: Pick<FieldDef, 'labelZh' | 'labelEn'>, language: Language): string {
  return language === 'zh-CN' ? field.labelZh : field.labelEn;
}

/** The option's label; the bare key if the option was removed since the value was stored. */
export function optionLabel(field: FieldDef | undefined, key: string, language: Language): string {
  const option = field?.options.find((o) => o.key === key);
  return option ? fieldLabel(option, language) : key;
}

export function findField(fields: FieldDef[], key: string): FieldDef | undefined {
  return fields.find((f) => f.key === key);
}

export function tagById(tags: Tag[], id: string): Tag | undefined {
  return tags.find((t) => t.id === id);
}

export const TAG_COLORS = [
  'magenta',
  'red',
  'volcano',
  'orange',
  'gold',
  'lime',
  'green',
  'cyan',
  'blue',
  'geekblue',
  'purple',
] as const;
export type TagColor = (typeof TAG_COLORS)[number];
