import { Button, Form, Input } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';

interface Props {
  name: 'phones' | 'emails';
  label: string;
  addLabel: string;
  placeholder: string;
  /** Each input gets `${testIdPrefix}-${index}`. */
  testIdPrefix: string;
  inputMode: 'tel' | 'email';
}

/** An editable list of phones or emails: one input per entry, add and remove. */
export function StringListField({ name, label, addLabel, placeholder, testIdPrefix, inputMode }: Props) {
  return (
    <Form.Item label={label} style={{ marginBottom: 8 }}>
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <div className="string-list">
            {fields.map((field, index) => (
              <div className="string-list-row" key={field.key}>
                <Form.Item name={field.name} noStyle>
                  <Input data-testid={`${testIdPrefix}-${index}`} placeholder={placeholder} inputMode={inputMode} />
                </Form.Item>
                {fields.length > 1 && (
                  <Button
                    type="text"
                    aria-label="remove"
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(field.name)}
                  />
                )}
              </div>
            ))}
            <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add('')}>
              {addLabel}
            </Button>
          </div>
        )}
      </Form.List>
    </Form.Item>
  );
}
