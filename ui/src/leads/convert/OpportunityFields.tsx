import { DatePicker, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Stage } from '../../ipc/client';
import { parseAmount } from './convertModel';

/** The currencies offered; the core takes any three-letter code, these are the usual ones. */
const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP'];

/** The opportunity to open with the conversion: name, stage, amount and expected close. */
export function OpportunityFields({ stages }: { stages: Stage[] }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  return (
    <div className="convert-opportunity" data-testid="convert-opportunity-form">
      <div className="form-grid-2">
        <Form.Item
          name={['opportunity', 'name']}
          label={t('leads.convert.opportunityName')}
          rules={[{ required: true, whitespace: true, message: t('leads.convert.opportunityNameRequired') }]}
        >
          <Input data-testid="convert-opportunity-name" maxLength={200} />
        </Form.Item>
        <Form.Item name={['opportunity', 'stageId']} label={t('leads.convert.stage')}>
          <Select
            data-testid="convert-opportunity-stage"
            options={stages.map((s) => ({
              value: s.id,
              label: `${english ? s.nameEn : s.nameZh} · ${s.probability}%`,
            }))}
          />
        </Form.Item>
        <div className="convert-amount">
          <Form.Item
            name={['opportunity', 'amount']}
            label={t('leads.convert.amount')}
            className="convert-amount-value"
            rules={[
              {
                validator: (_, value: string | undefined) =>
                  parseAmount(value) === null ? Promise.reject(new Error(t('leads.convert.amountInvalid'))) : Promise.resolve(),
              },
            ]}
          >
            <Input inputMode="decimal" placeholder={t('leads.convert.amountPlaceholder')} data-testid="convert-opportunity-amount" />
          </Form.Item>
          <Form.Item name={['opportunity', 'currency']} label={t('leads.convert.currency')} className="convert-amount-currency">
            <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
        </div>
        <Form.Item name={['opportunity', 'expectedClose']} label={t('leads.convert.expectedClose')}>
          <DatePicker className="full-width" format="YYYY-MM-DD" data-testid="convert-opportunity-close" />
        </Form.Item>
      </div>
    </div>
  );
}
