import type { ReactNode } from 'react';
import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Customer, Language } from '../../ipc/client';
import { useLiveFields } from '../../classification/queries';
import { fieldLabel, findField, optionLabel } from '../../classification/labels';
import { customValueText } from '../../classification/customValue';
import { formatDateTime } from '../display';

function Copyable({ values }: { values: string[] }) {
  return (
    <div className="copy-list">
      {values.map((v) => (
        <Typography.Text key={v} copyable>
          {v}
        </Typography.Text>
      ))}
    </div>
  );
}

/** All fields of the customer, with option keys shown as their labels in the current language. */
export function CustomerDetails({ customer: c }: { customer: Customer }) {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { builtin, custom } = useLiveFields();
  const none = <span className="muted">{t('common.none')}</span>;
  const choice = (key: 'tier' | 'industry' | 'source') => {
    const field = findField(builtin, key);
    const value = c[key];
    return {
      key,
      label: field ? fieldLabel(field, language) : t(`field.${key}`),
      children: value ? optionLabel(field, value, language) : none,
    };
  };
  const text = (key: string, label: string, value: ReactNode) => ({ key, label, children: value || none });
  const region = [c.country, c.province, c.city].filter(Boolean).join(' · ');
  // The everyday fields always show (an empty one is worth noticing); the rarer ones only when set.
  const ifSet = (key: string, label: string, value: ReactNode) => (value ? [text(key, label, value)] : []);

  const items = [
    text('phones', t('field.phones'), c.phones.length > 0 && <Copyable values={c.phones} />),
    text('emails', t('field.emails'), c.emails.length > 0 && <Copyable values={c.emails} />),
    text('company', t('field.company'), c.company),
    choice('tier'),
    choice('industry'),
    text('size', t('field.size'), c.size && t(`size.${c.size}`)),
    choice('source'),
    text('owner', t('field.owner'), c.owner),
    text('location', t('field.location'), region),
    {
      key: 'territory',
      label: t('customer.territory'),
      children: c.territory ? c.territory.name : <span className="muted">{t('customer.unassignedTerritory')}</span>,
    },
    ...ifSet('address', t('field.address'), c.address),
    ...ifSet('website', t('field.website'), c.website),
    ...ifSet('externalId', t('field.externalId'), c.externalId),
    ...custom.flatMap((f) =>
      ifSet(`custom.${f.key}`, fieldLabel(f, language), customValueText(f, c.custom[f.key], language)),
    ),
    ...ifSet('notes', t('field.notes'), c.notes && <div className="pre-wrap">{c.notes}</div>),
  ];

  return (
    <Card size="small" title={t('customer.details')} className="section-card" data-testid="customer-details">
      <Descriptions size="small" column={1} items={items} styles={{ label: { width: 112 } }} />
      <div className="record-stamp">
        <div>{t('customer.createdBy', { by: c.createdBy, at: formatDateTime(c.createdAt) })}</div>
        <div>{t('customer.updatedBy', { by: c.updatedBy, at: formatDateTime(c.updatedAt) })}</div>
      </div>
    </Card>
  );
}
