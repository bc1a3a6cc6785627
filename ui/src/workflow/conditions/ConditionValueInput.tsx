import { DatePicker, InputNumber, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ConditionField, TestOp } from '../../ipc/client';
import { currentLanguage } from '../../i18n';
import { fieldLabel } from '../../classification/labels';
import { valueInputKind } from './conditionModel';
import type { SegmentOption } from './builderEnv';

interface Props {
  field: ConditionField | undefined;
  op: TestOp;
  /** Always strings, as the core stores them: texts, option keys, a number, days or a day. */
  values: string[];
  onChange: (values: string[]) => void;
  tagNames: string[];
  /** The segments a membership test picks from. */
  segments: SegmentOption[];
  disabled: boolean;
}

const one = (v: number | string | null | undefined): string[] => (v === null || v === undefined || v === '' ? [] : [String(v)]);
const numberOf = (values: string[]): number | null => {
  const n = Number(values[0]);
  return values.length && Number.isFinite(n) ? n : null;
};

/** The value part of a test, fitting the field's kind and the operator. */
export function ConditionValueInput({ field, op, values, onChange, tagNames, segments, disabled }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const common = { className: 'condition-value', disabled, 'data-testid': 'condition-value', 'aria-label': t('workflow.condition.value') };

  switch (valueInputKind(field, op)) {
    case 'none':
      return <span className="condition-value condition-value-none" />;
    case 'choices':
      return (
        <Select
          {...common}
          mode="multiple"
          value={values}
          onChange={onChange}
          placeholder={t('workflow.condition.values')}
          options={(field?.options ?? []).map((o) => ({ value: o.key, label: fieldLabel(o, language) }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
      );
    case 'tags':
      return (
        <Select
          {...common}
          mode="tags"
          value={values}
          onChange={onChange}
          placeholder={t('workflow.condition.tagValues')}
          options={tagNames.map((name) => ({ value: name, label: name }))}
          classNames={{ popup: { root: 'condition-value-popup' } }}
          tokenSeparators={[',', '，']}
        />
      );
    case 'number':
      return (
        <InputNumber
          {...common}
          value={numberOf(values)}
          onChange={(v) => onChange(one(v))}
          // Order aggregates are never negative; an amount is typed in yuan (the core stores fen).
          min={field?.kind === 'aggregate' ? 0 : undefined}
          suffix={field?.kind === 'aggregate' && field.key.endsWith('amount') ? t('workflow.condition.yuan') : undefined}
        />
      );
    case 'segments': {
      // A segment deleted since the test was stored still shows, by its id.
      const known = new Set(segments.map((s) => s.id));
      const options = [
        ...segments.map((s) => ({ value: s.id, label: s.name })),
        ...values.filter((id) => !known.has(id)).map((id) => ({ value: id, label: t('workflow.condition.unknownSegment', { id }) })),
      ];
      return (
        <Select
          {...common}
          mode="multiple"
          value={values}
          onChange={onChange}
          placeholder={t('workflow.condition.segments')}
          notFoundContent={t('workflow.condition.noSegments')}
          options={options}
          showSearch={{ optionFilterProp: 'label' }}
          classNames={{ popup: { root: 'condition-segments-popup' } }}
        />
      );
    }
    case 'days':
      return (
        <InputNumber
          {...common}
          min={0}
          max={36500}
          precision={0}
          value={numberOf(values)}
          onChange={(v) => onChange(one(v))}
          suffix={t('workflow.condition.days')}
        />
      );
    case 'date': {
      const day = values[0] ? dayjs(values[0].slice(0, 10)) : null;
      return (
        <DatePicker
          {...common}
          value={day?.isValid() ? day : null}
          onChange={(d) => onChange(d ? [d.format('YYYY-MM-DD')] : [])}
          placeholder={t('workflow.condition.date')}
        />
      );
    }
    case 'texts':
      return (
        <Select
          {...common}
          mode="tags"
          value={values}
          onChange={onChange}
          placeholder={t('workflow.condition.values')}
          tokenSeparators={[',', '，']}
          open={false}
          suffixIcon={null}
        />
      );
  }
}
