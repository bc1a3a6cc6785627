import { Button, InputNumber, Select, Tooltip } from 'antd';
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
  testOf,
  valueInputKind,
  withField,
  withOp,
  withWindow,
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

/**
 * The window of an order aggregate: only the orders of the last N days count; empty means all
 * of the customer's orders.
 */
function WindowInput({ days, onChange, disabled }: { days: number | null; onChange: (days: number | null) => void; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <InputNumber
      className="condition-window"
      value={days}
      min={1}
      max={36500}
      precision={0}
      onChange={(v) => onChange(typeof v === 'number' ? v : null)}
      // The words around the number only while there is one ("最近 90 天"); empty reads "all
      // orders". The spans always stay, so the input keeps its focus when the first digit comes.
      prefix={<span className="condition-window-affix">{days === null ? '' : t('workflow.condition.windowPrefix')}</span>}
      suffix={<span className="condition-window-affix">{days === null ? '' : t('workflow.condition.windowSuffix')}</span>}
      title={t('workflow.condition.window')}
      placeholder={t('workflow.condition.windowAll')}
      disabled={disabled}
      aria-label={t('workflow.condition.window')}
      data-testid="condition-window"
    />
  );
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
  const value = (
    <ConditionValueInput
      field={field}
      op={test.op}
      values={test.values ?? []}
      onChange={(values) => onChange(makeTest({ ...testOf(test), values }))}
      tagNames={env.tagNames}
      segments={env.segments}
      disabled={env.disabled}
    />
  );

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
          if (next) onChange(withField(test, next, field));
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
      {kind === 'aggregate' && valueInputKind(field, test.op) !== 'none' ? (
        <div className="condition-value-aggregate">
          {value}
          <WindowInput days={test.windowDays ?? null} onChange={(days) => onChange(withWindow(test, days))} disabled={env.disabled} />
        </div>
      ) : (
        value
      )}
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
