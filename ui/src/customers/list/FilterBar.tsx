import { useState } from 'react';
import { Badge, Button, Select, Tooltip } from 'antd';
import { ClearOutlined, FilterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldDef, Language } from '../../ipc/client';
import { useLiveFields, useTagList } from '../../classification/queries';
import { fieldLabel, findField } from '../../classification/labels';
import { KINDS, LIFECYCLES, SIZES } from '../display';
import { useCustomerListState } from './CustomerListState';
import { ChoiceFilter, DistinctValueFilter, pickerWidth, usePickedSummary, type ChoiceOption } from './ChoiceFilter';
import { ContainsFilter, DateRangeFilter, NumberRangeFilter } from './RangeFilters';
import { activeFilterCount, isActive } from './listModel';

/** Filters shown at once; the others wait behind "more filters" unless one of them is in use. */
const PRIMARY_KEYS = new Set(['kind', 'lifecycle', 'tier', 'industry', 'owner']);

function optionsOf(field: FieldDef | undefined, language: Language): ChoiceOption[] {
  return (field?.options ?? []).map((o) => ({ value: o.key, label: fieldLabel(o, language) }));
}

function CustomFieldFilter({ field, language }: { field: FieldDef; language: Language }) {
  const label = fieldLabel(field, language);
  switch (field.fieldType) {
    case 'single_select':
    case 'multi_select':
      return <ChoiceFilter filterKey={field.key} label={label} options={optionsOf(field, language)} />;
    case 'number':
      return <NumberRangeFilter filterKey={field.key} label={label} />;
    case 'date':
      return <DateRangeFilter filterKey={field.key} label={label} />;
    case 'text':
      return <ContainsFilter filterKey={field.key} label={label} />;
  }
}

function TagFilter({ label }: { label: string }) {
  const tags = useTagList();
  const { state, setTagIds } = useCustomerListState();
  const summary = usePickedSummary();
  return (
    <Select
      mode="multiple"
      allowClear
      maxTagCount={0}
      maxTagPlaceholder={summary}
      prefix={<span className="filter-prefix">{label}</span>}
      style={{ width: pickerWidth(label) }}
      value={state.tagIds}
      showSearch={{ optionFilterProp: 'label' }}
      popupMatchSelectWidth={false}
      options={tags.map((tag) => ({ value: tag.id, label: tag.name, color: tag.color }))}
      optionRender={(option) => (
        <span>
          <span className={`tag-dot tag-dot-${String(option.data.color)}`} /> {option.label}
        </span>
      )}
      onChange={(ids: string[]) => setTagIds(ids)}
    />
  );
}

/** Every dimension a customer can be filtered by, built-in first, then the admin's own. */
export function FilterBar() {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { builtin, custom } = useLiveFields();
  const { state, clearFilters, generation } = useCustomerListState();
  const choice = (key: 'tier' | 'industry' | 'source') => {
    const field = findField(builtin, key);
    return (
      <ChoiceFilter
        filterKey={key}
        label={field ? fieldLabel(field, language) : t(`field.${key}`)}
        options={optionsOf(field, language)}
      />
    );
  };
  const active = activeFilterCount(state);
  const secondaryActive = Object.values(state.fields).filter((f) => isActive(f) && !PRIMARY_KEYS.has(f.key)).length;
  const [expanded, setExpanded] = useState(false);
  const showAll = expanded || secondaryActive > 0;

  return (
    <div className="filter-bar" key={generation}>
      <ChoiceFilter
        filterKey="kind"
        label={t('field.kind')}
        options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
      />
      <ChoiceFilter
        filterKey="lifecycle"
        label={t('field.lifecycle')}
        options={LIFECYCLES.map((k) => ({ value: k, label: t(`lifecycle.${k}`) }))}
      />
      {choice('tier')}
      {choice('industry')}
      <DistinctValueFilter filterKey="owner" label={t('field.owner')} />
      <TagFilter label={t('field.tagIds')} />
      {showAll && (
        <>
          <ChoiceFilter
        filterKey="size"
        label={t('field.size')}
        options={SIZES.map((k) => ({ value: k, label: t(`size.${k}`) }))}
      />
          {choice('source')}
          <DistinctValueFilter filterKey="province" label={t('field.province')} />
          <DistinctValueFilter filterKey="city" label={t('field.city')} />
          <DateRangeFilter filterKey="updated" label={t('customers.updatedRange')} />
          {custom.map((field) => (
            <CustomFieldFilter key={field.id} field={field} language={language} />
          ))}
        </>
      )}
      {secondaryActive === 0 && (
        <Button type="text" icon={<FilterOutlined />} onClick={() => setExpanded(!expanded)} data-testid="more-filters">
          {expanded ? t('customers.fewerFilters') : t('customers.moreFilters')}
        </Button>
      )}
      {secondaryActive > 0 && <Badge count={secondaryActive} color="blue" />}
      {active > 0 && (
        <Tooltip title={`${t('customers.clearFilters')} (${active})`}>
          <Button
            type="text"
            icon={<ClearOutlined />}
            onClick={clearFilters}
            aria-label={t('customers.clearFilters')}
            data-testid="clear-filters"
          />
        </Tooltip>
      )}
    </div>
  );
}
