import { useState, type ReactNode } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { ipc } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { useCustomerListState } from './CustomerListState';

export interface ChoiceOption {
  value: string;
  label: string;
}

interface ChoiceFilterProps {
  filterKey: string;
  label: string;
  options: ChoiceOption[];
  loading?: boolean;
  onOpen?: () => void;
}

/**
 * Wide enough for the label in front plus one short picked value, and no wider, so the common
 * filters fit on one line at the default window size. CJK characters take about a full em.
 */
export function pickerWidth(label: string): number {
  const labelWidth = [...label].reduce((sum, ch) => sum + (ch.charCodeAt(0) > 0xff ? 13 : 7.5), 0);
  return Math.round(100 + labelWidth);
}

/**
 * What a compact multi-select shows once something is picked: the one choice, or how many. The
 * pickers are too narrow for a row of closable tags.
 */
export function usePickedSummary() {
  const { t } = useTranslation();
  return (omitted: { label?: ReactNode }[]): ReactNode =>
    omitted.length === 1 ? omitted[0].label : t('customers.picked', { count: omitted.length });
}

/** "Is one of" over a list of choices; the label stays visible in front of what is picked. */
export function ChoiceFilter({ filterKey, label, options, loading, onOpen }: ChoiceFilterProps) {
  const { state, setFieldFilter } = useCustomerListState();
  const summary = usePickedSummary();
  const current = state.fields[filterKey];
  const values = current?.op === 'oneOf' ? current.values : [];
  return (
    <Select
      mode="multiple"
      size="middle"
      allowClear
      maxTagCount={0}
      maxTagPlaceholder={summary}
      prefix={<span className="filter-prefix">{label}</span>}
      style={{ width: pickerWidth(label) }}
      value={values}
      options={options}
      loading={loading}
      showSearch={{ optionFilterProp: 'label' }}
      popupMatchSelectWidth={false}
      onOpenChange={(open) => open && onOpen?.()}
      onChange={(next: string[]) =>
        setFieldFilter(filterKey, next.length > 0 ? { op: 'oneOf', key: filterKey, values: next } : null)
      }
      data-testid={`filter-${filterKey}`}
    />
  );
}

/**
 * A choice among the values customers actually hold (owner, province, city). The list is asked
 * for only when the picker first opens, so the customer list does not wait for it.
 */
export function DistinctValueFilter({ filterKey, label }: { filterKey: 'owner' | 'province' | 'city'; label: string }) {
  const [wanted, setWanted] = useState(false);
  const values = useQuery({
    queryKey: queryKeys.distinctValues(filterKey),
    queryFn: () => ipc.customerDistinctValues(filterKey),
    enabled: wanted,
  });
  const options = (values.data ?? []).map((v) => ({ value: v, label: v }));
  return (
    <ChoiceFilter
      filterKey={filterKey}
      label={label}
      options={options}
      loading={values.isFetching}
      onOpen={() => setWanted(true)}
    />
  );
}
