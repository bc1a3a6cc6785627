import { DatePicker, Form, Input, InputNumber, Segmented, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ipc, type Stage } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { CURRENCIES, parseAmount } from '../money';
import { stageName, useLanguage } from '../stageDisplay';
import { CustomerPicker } from './CustomerPicker';
import { LineItemsEditor } from './LineItemsEditor';
import type { OpportunityFormValues } from './opportunityFormModel';

interface Props {
  stages: Stage[];
  customer?: { id: string; name: string };
  /** Editing, or opened from a customer's page: the customer cannot change. */
  customerFixed: boolean;
}

/** The fields of the opportunity form; which ones show depends on the stage and the pricing. */
export function OpportunityFormFields({ stages, customer, customerFixed }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const form = Form.useFormInstance<OpportunityFormValues>();
  const customerId = Form.useWatch('customerId', form);
  const stageId = Form.useWatch('stageId', form);
  const pricing = Form.useWatch('pricing', form);
  const currency = Form.useWatch('currency', form) ?? 'CNY';
  const stage = stages.find((s) => s.id === stageId);
  const contacts = useQuery({
    queryKey: queryKeys.contacts(customerId ?? ''),
    queryFn: () => ipc.contactList(customerId ?? ''),
    enabled: Boolean(customerId),
  });
  const currencies = [...new Set<string>([...CURRENCIES, currency])];

  return (
    <>
      <Form.Item
        name="customerId"
        label={t('opportunities.field.customer')}
        rules={[{ required: true, message: t('opportunities.form.customerRequired') }]}
      >
        <CustomerPicker initial={customer} disabled={customerFixed} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('opportunities.field.name')}
        rules={[{ required: true, whitespace: true, message: t('opportunities.form.nameRequired') }]}
      >
        <Input maxLength={200} placeholder={t('opportunities.form.namePlaceholder')} data-testid="opportunity-name" />
      </Form.Item>
      <div className="form-grid-2">
        <Form.Item name="stageId" label={t('opportunities.field.stage')} rules={[{ required: true }]}>
          <Select
            data-testid="opportunity-stage"
            options={stages.map((s) => ({ value: s.id, label: `${stageName(s, language)} · ${s.probability}%` }))}
          />
        </Form.Item>
        {(contacts.data?.length ?? 0) > 0 && (
          <Form.Item name="contactId" label={t('opportunities.field.contact')}>
            <Select
              allowClear
              placeholder={t('opportunities.form.contactPlaceholder')}
              options={contacts.data?.map((c) => ({ value: c.id, label: c.title ? `${c.name} · ${c.title}` : c.name }))}
            />
          </Form.Item>
        )}
      </div>
      <Form.Item name="pricing" label={t('opportunities.form.pricing')}>
        <Segmented
          data-testid="opportunity-pricing"
          options={[
            { value: 'amount', label: t('opportunities.form.byAmount') },
            { value: 'items', label: t('opportunities.form.byItems') },
          ]}
        />
      </Form.Item>
      <div className="form-grid-2">
        {pricing === 'items' ? (
          <div className="form-grid-span">
            <LineItemsEditor currency={currency} />
          </div>
        ) : (
          <Form.Item
            name="amount"
            label={t('opportunities.field.amount')}
            rules={[
              {
                validator: (_, value: string | undefined) =>
                  parseAmount(value ?? '') === null ? Promise.reject(new Error(t('opportunities.form.amountInvalid'))) : Promise.resolve(),
              },
            ]}
          >
            <Input inputMode="decimal" placeholder="12,000.50" data-testid="opportunity-amount" />
          </Form.Item>
        )}
        <Form.Item name="currency" label={t('opportunities.field.currency')}>
          <Select data-testid="opportunity-currency" options={currencies.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
      </div>
      <div className="form-grid-2">
        <Form.Item name="expectedClose" label={t('opportunities.field.expectedClose')}>
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" data-testid="opportunity-close" />
        </Form.Item>
        {stage?.outcome === 'open' && (
          <Form.Item name="probability" label={t('opportunities.field.probability')} extra={t('opportunities.form.probabilityHint')}>
            <InputNumber
              min={0}
              max={100}
              precision={0}
              suffix="%"
              style={{ width: '100%' }}
              placeholder={t('opportunities.form.stageDefault', { probability: stage.probability })}
              data-testid="opportunity-probability"
            />
          </Form.Item>
        )}
      </div>
      {stage?.outcome === 'lost' && (
        <Form.Item
          name="lostReason"
          label={t('opportunities.field.lostReason')}
          rules={[{ required: true, whitespace: true, message: t('opportunities.lost.required') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} data-testid="opportunity-lost-reason" />
        </Form.Item>
      )}
      <Form.Item name="notes" label={t('opportunities.field.notes')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="opportunity-notes" />
      </Form.Item>
    </>
  );
}
