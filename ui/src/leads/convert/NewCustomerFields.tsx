import { Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { KINDS, KindLabel } from '../../customers/display';

/**
 * The new customer, started from the lead (the core's draft): just what a conversion needs; the
 * rest is edited on the customer's page later.
 */
export function NewCustomerFields() {
  const { t } = useTranslation();
  return (
    <div className="convert-new-customer" data-testid="convert-customer-form">
      <div className="form-grid-2">
        <Form.Item
          name={['customer', 'name']}
          label={t('field.name')}
          rules={[{ required: true, whitespace: true, message: t('form.nameRequired') }]}
        >
          <Input data-testid="convert-customer-name" maxLength={200} />
        </Form.Item>
        <Form.Item name={['customer', 'kind']} label={t('field.kind')}>
          <Radio.Group
            optionType="button"
            data-testid="convert-customer-kind"
            options={KINDS.map((k) => ({ value: k, label: <KindLabel kind={k} /> }))}
          />
        </Form.Item>
        <Form.Item name={['customer', 'company']} label={t('field.company')}>
          <Input data-testid="convert-customer-company" maxLength={200} />
        </Form.Item>
        <div className="form-grid-2">
          <Form.Item name={['customer', 'province']} label={t('field.province')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name={['customer', 'city']} label={t('field.city')}>
            <Input maxLength={100} />
          </Form.Item>
        </div>
        <Form.Item name={['customer', 'phones']} label={t('field.phones')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} placeholder={t('form.phonePlaceholder')} />
        </Form.Item>
        <Form.Item name={['customer', 'emails']} label={t('field.emails')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} placeholder={t('form.emailPlaceholder')} />
        </Form.Item>
      </div>
    </div>
  );
}
