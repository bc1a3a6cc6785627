import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { CustomerListRow, Language } from '../../ipc/client';
import { useLiveFields, useTagList } from '../../classification/queries';
import { fieldLabel, findField, optionLabel } from '../../classification/labels';
import { customValueText } from '../../classification/customValue';
import { TagList } from '../../classification/TagList';
import { KindLabel, LifecycleTag, formatDateTime } from '../display';

export interface Column {
  key: string;
  title: string;
  width: number;
  /** Stays in view while the grid scrolls sideways (the name says whose row it is). */
  sticky?: boolean;
  /** The key the core sorts by when this column's header is clicked. */
  sortKey?: string;
  render: (row: CustomerListRow) => ReactNode;
}

/** The list's columns: the fixed ones, then one per live custom dimension. */
export function useCustomerColumns(): Column[] {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { builtin, custom } = useLiveFields();
  const tags = useTagList();
  const tier = findField(builtin, 'tier');
  const text = (v: string | null) => v ?? '';

  const columns: Column[] = [
    {
      key: 'name',
      title: t('field.name'),
      width: 168,
      sticky: true,
      sortKey: 'name',
      render: (r) => (
        <Link className="cell-name" to={`/customers/${r.id}`} onClick={(e) => e.stopPropagation()}>
          {r.name}
        </Link>
      ),
    },
    { key: 'kind', title: t('field.kind'), width: 124, render: (r) => <KindLabel kind={r.kind} /> },
    { key: 'lifecycle', title: t('field.lifecycle'), width: 96, render: (r) => <LifecycleTag lifecycle={r.lifecycle} /> },
    {
      key: 'tier',
      title: tier ? fieldLabel(tier, language) : t('field.tier'),
      width: 84,
      sortKey: 'tier',
      render: (r) => (r.tier ? optionLabel(tier, r.tier, language) : ''),
    },
    { key: 'company', title: t('field.company'), width: 184, render: (r) => text(r.company) },
    { key: 'phone', title: t('field.phone'), width: 132, render: (r) => text(r.phone) },
    { key: 'email', title: t('field.email'), width: 196, render: (r) => text(r.email) },
    { key: 'city', title: t('field.city'), width: 84, sortKey: 'city', render: (r) => text(r.city) },
    { key: 'owner', title: t('field.owner'), width: 84, sortKey: 'owner', render: (r) => text(r.owner) },
    { key: 'tags', title: t('field.tagIds'), width: 168, render: (r) => <TagList tagIds={r.tagIds} tags={tags} max={2} /> },
    { key: 'updated', title: t('field.updated'), width: 132, sortKey: 'updated', render: (r) => formatDateTime(r.updatedAt) },
  ];
  for (const field of custom) {
    columns.push({
      key: `custom.${field.key}`,
      title: fieldLabel(field, language),
      width: 140,
      sortKey: field.fieldType === 'multi_select' ? undefined : field.key,
      render: (r) => customValueText(field, r.custom[field.key], language),
    });
  }
  return columns;
}
