import { useTranslation } from 'react-i18next';
import type { Customer, FieldDef, Language } from '../ipc/client';
import { findField, optionLabel } from '../classification/labels';
import { customValueText } from '../classification/customValue';
import { KindLabel, LifecycleTag } from '../customers/display';
import { customKey } from './mergeModel';

interface Props {
  customer: Customer;
  field: string;
  /** All dimensions, deleted ones too: a member may still hold a value of one. */
  fields: FieldDef[];
}

/** One customer's value of one review row, the way the 360 page shows it; a dash when empty. */
export function MergeValue({ customer: c, field, fields }: Props) {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const none = <span className="muted">{t('common.none')}</span>;
  const key = customKey(field);
  if (key !== null) return customValueText(findField(fields, key), c.custom[key] ?? undefined, language) || none;
  switch (field) {
    case 'kind':
      return <KindLabel kind={c.kind} />;
    case 'lifecycle':
      return <LifecycleTag lifecycle={c.lifecycle} />;
    case 'tier':
    case 'industry':
    case 'source': {
      const value = c[field];
      return value ? optionLabel(findField(fields, field), value, language) : none;
    }
    case 'size':
      return c.size ? t(`size.${c.size}`) : none;
    case 'location': {
      const region = [c.country, c.province, c.city].filter(Boolean).join(' · ');
      if (!region && !c.address) return none;
      return (
        <span className="merge-location">
          {region}
          {c.address && <span className="merge-address">{c.address}</span>}
        </span>
      );
    }
    case 'notes':
      return c.notes ? <span className="pre-wrap">{c.notes}</span> : none;
    case 'name':
    case 'owner':
    case 'company':
    case 'website':
    case 'externalId':
      return c[field] || none;
    default:
      return none;
  }
}
