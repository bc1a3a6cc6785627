// Tier and value-level labels as the value assessment screens show them.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ValueLevel } from '../ipc/client';
import { useLiveFields } from '../classification/queries';
import { fieldLabel, findField, optionLabel } from '../classification/labels';
import { useLanguage } from '../opportunities/stageDisplay';

export const LEVEL_COLORS: Record<ValueLevel, string> = { high: 'volcano', mid: 'blue', low: 'default' };

/** The value-tier dimension's name and its options' labels, as the customer pages show them. */
export function useTierLabels(): { title: string; label: (key: string) => string; options: { value: string; label: string }[] } {
  const { t } = useTranslation();
  const language = useLanguage();
  const tier = findField(useLiveFields().builtin, 'tier');
  return {
    title: tier ? fieldLabel(tier, language) : t('field.tier'),
    label: (key: string) => optionLabel(tier, key, language),
    options: (tier?.options ?? []).map((o) => ({ value: o.key, label: fieldLabel(o, language) })),
  };
}

export function ValueLevelTag({ level }: { level: ValueLevel }) {
  const { t } = useTranslation();
  return (
    <Tag color={LEVEL_COLORS[level]} variant="filled" data-testid="rfm-level-tag">
      {t(`rfm.level.${level}`)}
    </Tag>
  );
}
