import { Col, Divider, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldDef, Language, Tag } from '../../ipc/client';
import { fieldLabel, findField } from '../../classification/labels';
import { KINDS, LIFECYCLES, SIZES } from '../display';
import { StringListField } from './StringListField';
import { CustomFieldInputs } from './CustomFieldInputs';
import { SuggestInput } from './SuggestInput';

interface Props {
  builtin: FieldDef[];
  custom: FieldDef[];
  tags: Tag[];
  language: Language;
}

/** Every field of a customer, grouped the way a person fills them in. */
export function CustomerFormFields({ builtin, custom, tags, language }: Props) {
  const { t } = useTranslation();
  const builtinSelect = (key: 'tier' | 'industry' | 'source') => {
    const field = findField(builtin, key);
    return (
      <Form.Item name={key} label={field ? fieldLabel(field, language) : t(`field.${key}`)}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          data-testid={`field-${key}`}
          options={(field?.options ?? []).map((o) => ({ value: o.key, label: fieldLabel(o, language) }))}
        />
      </Form.Item>
    );
  };

  return (
    <>
      <Divider titlePlacement="start" plain>
        {t('form.basics')}
      </Divider>
      <Form.Item name="name" label={t('field.name')} rules={[{ required: true, whitespace: true, message: t('form.nameRequired') }]}>
        <Input data-testid="field-name" autoFocus maxLength={200} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="kind" label={t('field.kind')}>
            <Select data-testid="field-kind" options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="lifecycle" label={t('field.lifecycle')}>
            <Select
              data-testid="field-lifecycle"
              options={LIFECYCLES.map((k) => ({ value: k, label: t(`lifecycle.${k}`) }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="company" label={t('field.company')}>
            <Input data-testid="field-company" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="owner" label={t('field.owner')}>
            <SuggestInput valueKey="owner" />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start" plain>
        {t('form.contact')}
      </Divider>
      <Row gutter={12}>
        <Col span={12}>
          <StringListField
            name="phones"
            label={t('field.phones')}
            addLabel={t('form.addPhone')}
            placeholder={t('form.phonePlaceholder')}
            testIdPrefix="field-phone"
            inputMode="tel"
          />
        </Col>
        <Col span={12}>
          <StringListField
            name="emails"
            label={t('field.emails')}
            addLabel={t('form.addEmail')}
            placeholder={t('form.emailPlaceholder')}
            testIdPrefix="field-email"
            inputMode="email"
          />
        </Col>
      </Row>

      <Divider titlePlacement="start" plain>
        {t('form.location')}
      </Divider>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="country" label={t('field.country')}>
            <Input data-testid="field-country" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="province" label={t('field.province')}>
            <SuggestInput valueKey="province" data-testid="field-province" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="city" label={t('field.city')}>
            <SuggestInput valueKey="city" data-testid="field-city" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="address" label={t('field.address')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start" plain>
        {t('form.classification')}
      </Divider>
      <Row gutter={12}>
        <Col span={12}>{builtinSelect('tier')}</Col>
        <Col span={12}>{builtinSelect('industry')}</Col>
        <Col span={12}>{builtinSelect('source')}</Col>
        <Col span={12}>
          <Form.Item name="size" label={t('field.size')}>
            <Select allowClear options={SIZES.map((k) => ({ value: k, label: t(`size.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="tagIds" label={t('field.tagIds')}>
            <Select
              mode="multiple"
              allowClear
              data-testid="field-tags"
              showSearch={{ optionFilterProp: 'label' }}
              options={tags.map((tag) => ({ value: tag.id, label: tag.name }))}
            />
          </Form.Item>
        </Col>
      </Row>
      {custom.length > 0 && (
        <>
          <Divider titlePlacement="start" plain>
            {t('form.custom')}
          </Divider>
          <CustomFieldInputs fields={custom} language={language} />
        </>
      )}

      <Divider titlePlacement="start" plain>
        {t('form.more')}
      </Divider>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="website" label={t('field.website')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="externalId" label={t('field.externalId')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="notes" label={t('field.notes')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
