import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { FieldDef, Language } from '../../ipc/client';
import { fieldLabel } from '../../classification/labels';

function CustomInput({ field, language }: { field: FieldDef; language: Language }) {
  const options = field.options.map((o) => ({ value: o.key, label: fieldLabel(o, language) }));
  switch (field.fieldType) {
    case 'single_select':
      return <Select allowClear options={options} showSearch={{ optionFilterProp: 'label' }} />;
    case 'multi_select':
      return <Select mode="multiple" allowClear options={options} showSearch={{ optionFilterProp: 'label' }} />;
    case 'number':
      return <InputNumber style={{ width: '100%' }} />;
    case 'date':
      return <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />;
    case 'text':
      return <Input />;
  }
}

/** One input per live custom dimension, by its type; dates are kept as YYYY-MM-DD text. */
export function CustomFieldInputs({ fields, language }: { fields: FieldDef[]; language: Language }) {
  return (
    <Row gutter={12}>
      {fields.map((field) => (
        <Col span={12} key={field.id}>
          <Form.Item
            name={['custom', field.key]}
            label={fieldLabel(field, language)}
            {...(field.fieldType === 'date'
              ? {
                  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : null }),
                  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
                }
              : {})}
          >
            <CustomInput field={field} language={language} />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}
