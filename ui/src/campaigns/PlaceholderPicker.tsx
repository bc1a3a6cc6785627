import { Select } from 'antd';
import { PlusCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ConditionField } from '../ipc/client';
import { fieldLabel } from '../classification/labels';
import { useLanguage } from '../opportunities/stageDisplay';
import { COMMON_PLACEHOLDERS, placeholderFields } from './campaignModel';

interface Props {
  /** The segment field catalog; those a placeholder may name are offered. */
  fields: ConditionField[];
  loading: boolean;
  /** A field was picked: `{{key}}` goes in. */
  onPick: (key: string) => void;
}

/** "插入字段": the customer's fields by label, the common ones first; picking one inserts its placeholder. */
export function PlaceholderPicker({ fields, loading, onPick }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const usable = placeholderFields(fields);
  const option = (f: ConditionField) => {
    const label = fieldLabel(f, language);
    return {
      value: f.key,
      title: label,
      search: `${label} ${f.key}`,
      label: (
        <span className="placeholder-option">
          <span>{label}</span>
          <code className="placeholder-key">{`{{${f.key}}}`}</code>
        </span>
      ),
    };
  };
  const common = COMMON_PLACEHOLDERS.flatMap((key) => usable.filter((f) => f.key === key)).map(option);
  const others = usable.filter((f) => !COMMON_PLACEHOLDERS.includes(f.key)).map(option);

  return (
    <Select<string | null>
      className="placeholder-picker"
      value={null}
      loading={loading}
      prefix={<PlusCircleOutlined />}
      placeholder={t('campaigns.editor.insertField')}
      popupMatchSelectWidth={280}
      showSearch={{ optionFilterProp: 'search' }}
      options={[
        { label: t('campaigns.editor.commonFields'), title: t('campaigns.editor.commonFields'), options: common },
        { label: t('campaigns.editor.otherFields'), title: t('campaigns.editor.otherFields'), options: others },
      ]}
      onSelect={(key) => key && onPick(key)}
      aria-label={t('campaigns.editor.insertField')}
      data-testid="campaign-placeholder-picker"
    />
  );
}
