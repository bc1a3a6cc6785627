import { useEffect, useState } from 'react';
import { DatePicker, Input, InputNumber, Space } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../search/useDebouncedValue';
import { useCustomerListState } from './CustomerListState';

/** A number dimension between a minimum and a maximum (either may be left open). */
export function NumberRangeFilter({ filterKey, label }: { filterKey: string; label: string }) {
  const { t } = useTranslation();
  const { state, setFieldFilter } = useCustomerListState();
  const current = state.fields[filterKey];
  const min = current?.op === 'range' ? current.min : null;
  const max = current?.op === 'range' ? current.max : null;
  const set = (nextMin: number | null, nextMax: number | null) =>
    setFieldFilter(
      filterKey,
      nextMin === null && nextMax === null ? null : { op: 'range', key: filterKey, min: nextMin, max: nextMax },
    );
  return (
    <Space.Compact>
      <span className="filter-label">{label}</span>
      <InputNumber style={{ width: 88 }} placeholder={t('customers.min')} value={min} onChange={(v) => set(v, max)} />
      <InputNumber style={{ width: 88 }} placeholder={t('customers.max')} value={max} onChange={(v) => set(min, v)} />
    </Space.Compact>
  );
}

/** Dates between two days, inclusive; for date dimensions and for "updated"/"created". */
export function DateRangeFilter({ filterKey, label }: { filterKey: string; label: string }) {
  const { t } = useTranslation();
  const { state, setFieldFilter } = useCustomerListState();
  const current = state.fields[filterKey];
  const from = current?.op === 'dateRange' && current.from ? dayjs(current.from) : null;
  const to = current?.op === 'dateRange' && current.to ? dayjs(current.to) : null;
  return (
    <DatePicker.RangePicker
      prefix={<span className="filter-prefix">{label}</span>}
      style={{ width: 300 }}
      allowEmpty={[true, true]}
      placeholder={[t('customers.start'), t('customers.end')]}
      value={[from, to]}
      onChange={(range) => {
        const [a, b] = range ?? [null, null];
        const fromText = a ? a.format('YYYY-MM-DD') : null;
        const toText = b ? b.format('YYYY-MM-DD') : null;
        setFieldFilter(
          filterKey,
          fromText || toText ? { op: 'dateRange', key: filterKey, from: fromText, to: toText } : null,
        );
      }}
    />
  );
}

/** "Contains" over a text dimension; the list follows once the typing pauses. */
export function ContainsFilter({ filterKey, label }: { filterKey: string; label: string }) {
  const { t } = useTranslation();
  const { state, setFieldFilter } = useCustomerListState();
  const current = state.fields[filterKey];
  const [text, setText] = useState(current?.op === 'contains' ? current.text : '');
  const settled = useDebouncedValue(text, 300);
  useEffect(() => {
    setFieldFilter(filterKey, settled.trim() ? { op: 'contains', key: filterKey, text: settled.trim() } : null);
  }, [settled, filterKey, setFieldFilter]);
  return (
    <Input
      allowClear
      style={{ width: 200 }}
      placeholder={t('customers.contains', { label })}
      value={text}
      onChange={(e) => setText(e.target.value)}
    />
  );
}
