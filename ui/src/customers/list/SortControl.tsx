import { Button, Select, Space, Tooltip } from 'antd';
import { SortAscendingOutlined, SortDescendingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldDef, Language, SortSpec } from '../../ipc/client';
import { fieldLabel, findField } from '../../classification/labels';
import { BUILTIN_SORT_KEYS } from './listModel';

interface Props {
  sort: SortSpec;
  onChange: (sort: SortSpec) => void;
  builtin: FieldDef[];
  sortableCustom: FieldDef[];
}

/** The keys the core has an index for, and the direction. */
export function SortControl({ sort, onChange, builtin, sortableCustom }: Props) {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const tier = findField(builtin, 'tier');
  const builtinOptions = BUILTIN_SORT_KEYS.map((key) => ({
    value: key,
    label: key === 'tier' && tier ? fieldLabel(tier, language) : t(`field.${key}`),
  }));
  const customOptions = sortableCustom.map((f) => ({ value: f.key, label: fieldLabel(f, language) }));
  return (
    <Space.Compact>
      <Select
        data-testid="sort-key"
        style={{ width: 168 }}
        prefix={<span className="filter-prefix">{t('customers.sortBy')}</span>}
        value={sort.key}
        onChange={(key: string) => onChange({ key, desc: sort.desc })}
        options={customOptions.length > 0 ? [...builtinOptions, ...customOptions] : builtinOptions}
        popupMatchSelectWidth={false}
      />
      <Tooltip title={sort.desc ? t('customers.descending') : t('customers.ascending')}>
        <Button
          data-testid="sort-direction"
          aria-label={sort.desc ? t('customers.descending') : t('customers.ascending')}
          icon={sort.desc ? <SortDescendingOutlined /> : <SortAscendingOutlined />}
          onClick={() => onChange({ key: sort.key, desc: !sort.desc })}
        />
      </Tooltip>
    </Space.Compact>
  );
}
