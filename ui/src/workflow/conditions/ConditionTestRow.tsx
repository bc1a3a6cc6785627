import { Button, Select, Tooltip } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ConditionField, FieldKind, TestOp } from '../../ipc/client';
import { currentLanguage } from '../../i18n';
import { fieldLabel } from '../../classification/labels';
import {
  OPS_BY_KIND,
  findConditionField,
  kindOf,
  makeTest,
  withField,
  withOp,
  type TestCondition,
} from './conditionModel';
import { ConditionValueInput } from './ConditionValueInput';
import type { BuilderEnv } from './builderEnv';

interface Props {
  test: TestCondition;
  onChange: (test: TestCondition) => void;
  onRemove: () => void;
  env: BuilderEnv;
}

/** The operator's words; on dates "greater/less than" read as after/before. */
function useOpLabel() {
  const { t } = useTranslation();
  return (op: TestOp, kind: FieldKind) =>
    kind === 'date' && (op === 'gt' || op === 'lt') ? t(`workflow.condition.dateOps.${op}`) : t(`workflow.condition.ops.${op}`);
}

/** One test: field, operator (those the field's kind takes) and the value input the operator needs. */
export function ConditionTestRow({ test, onChange, onRemove, env }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const opLabel = useOpLabel();
  const field = findConditionField(env.fields, test.field);
  const kind = kindOf(field);
  const fieldOptions = env.fields.map((f: ConditionField) => ({ value: f.key, label: fieldLabel(f, language) }));
  // A stored test of a field the catalog no longer lists still shows what it tests.
  if (!field && test.field) fieldOptions.push({ value: test.field, label: t('workflow.condition.unknownField', { key: test.field }) });

  return (
    <div className="condition-test" data-testid="condition-test">
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        className="condition-field"
        value={test.field || undefined}
        placeholder={t('workflow.condition.field')}
        disabled={env.disabled}
        options={fieldOptions}
        onChange={(key: string) => {
          const next = findConditionField(env.fields, key);
          if (next) onChange(withField(test, next));
        }}
        data-testid="condition-field"
        aria-label={t('workflow.condition.field')}
      />
      <Select<TestOp>
        className="condition-op"
        value={test.op}
        disabled={env.disabled}
        options={OPS_BY_KIND[kind].map((op) => ({ value: op, label: opLabel(op, kind) }))}
        onChange={(op) => onChange(withOp(test, op, field))}
        data-testid="condition-op"
        classNames={{ popup: { root: 'condition-op-popup' } }}
        aria-label={t('workflow.condition.op')}
        popupMatchSelectWidth={false}
      />
      <ConditionValueInput
        field={field}
        op={test.op}
        values={test.values ?? []}
        onChange={(values) => onChange(makeTest({ field: test.field, op: test.op, values }))}
        tagNames={env.tagNames}
        disabled={env.disabled}
      />
      {!env.disabled && (
        <Tooltip title={t('workflow.condition.remove')}>
          <Button
            size="small"
            type="text"
            className="condition-test-remove"
            icon={<CloseOutlined />}
            aria-label={t('workflow.condition.remove')}
            onClick={onRemove}
            data-testid="condition-remove"
          />
        </Tooltip>
      )}
    </div>
  );
}
