import { Button, Form, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ConditionOp, LeadField, LeadOrigin, Territory } from '../../ipc/client';
import { CONDITION_OPS, LEAD_FIELDS, NEW_CONDITION, opTakesValues } from './ruleFormModel';

const ORIGINS: LeadOrigin[] = ['manual', 'import', 'campaign'];

interface ValuesProps {
  field: LeadField;
  territories: Territory[];
  value?: string[];
  onChange?: (value: string[]) => void;
  testId: string;
}

/**
 * The values of one condition: territories are picked (the core compares their ids), origins
 * are one of three, anything else is typed, several allowed.
 */
function ConditionValues({ field, territories, value, onChange, testId }: ValuesProps) {
  const { t } = useTranslation();
  const common = { mode: 'multiple' as const, value, onChange, 'data-testid': testId, className: 'condition-values' };
  if (field === 'territory') {
    return <Select {...common} options={territories.map((x) => ({ value: x.id, label: x.name }))} showSearch={{ optionFilterProp: 'label' }} />;
  }
  if (field === 'origin') {
    return <Select {...common} options={ORIGINS.map((o) => ({ value: o, label: t(`leads.origin.${o}`) }))} />;
  }
  return (
    <Select
      {...common}
      mode="tags"
      open={false}
      tokenSeparators={[',', '，', '、']}
      placeholder={t('leads.rules.valuesPlaceholder')}
      suffixIcon={null}
    />
  );
}

/** The rows "field · operator · values" a lead must all meet for the rule to take it. */
export function ConditionsEditor({ territories }: { territories: Territory[] }) {
  const { t } = useTranslation();
  return (
    <Form.List name="conditions">
      {(rows, { add, remove }) => (
        <div className="conditions-editor" data-testid="rule-conditions">
          {rows.map((row, index) => (
            <div className="condition-row" key={row.key} data-testid="rule-condition">
              <Form.Item name={[row.name, 'field']} noStyle>
                <Select
                  className="condition-field"
                  data-testid={`rule-condition-field-${index}`}
                  options={LEAD_FIELDS.map((f) => ({ value: f, label: t(`leads.rules.fields.${f}`) }))}
                />
              </Form.Item>
              <Form.Item name={[row.name, 'op']} noStyle>
                <Select
                  className="condition-op"
                  data-testid={`rule-condition-op-${index}`}
                  options={CONDITION_OPS.map((o) => ({ value: o, label: t(`leads.rules.ops.${o}`) }))}
                />
              </Form.Item>
              <Form.Item
                noStyle
                shouldUpdate={(a: ConditionsShape, b: ConditionsShape) =>
                  a.conditions[row.name]?.field !== b.conditions[row.name]?.field ||
                  a.conditions[row.name]?.op !== b.conditions[row.name]?.op
                }
              >
                {({ getFieldValue }) => {
                  const field = getFieldValue(['conditions', row.name, 'field']) as LeadField;
                  const op = getFieldValue(['conditions', row.name, 'op']) as ConditionOp;
                  if (!opTakesValues(op)) return <span className="condition-values muted">—</span>;
                  return (
                    <Form.Item
                      name={[row.name, 'values']}
                      className="condition-values-item"
                      rules={[{ required: true, type: 'array', min: 1, message: t('leads.rules.valuesRequired') }]}
                    >
                      <ConditionValues field={field} territories={territories} testId={`rule-condition-values-${index}`} />
                    </Form.Item>
                  );
                }}
              </Form.Item>
              <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('common.remove')} onClick={() => remove(row.name)} />
            </div>
          ))}
          <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ ...NEW_CONDITION })} data-testid="rule-add-condition">
            {t('leads.rules.addCondition')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

type ConditionsShape = { conditions: { field?: LeadField; op?: ConditionOp }[] };
