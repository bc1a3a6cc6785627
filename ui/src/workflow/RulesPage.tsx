import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Placeholder until built. */
export function RulesPage() {
  const { t } = useTranslation();
  return <Typography.Title level={3} data-testid="rules-page">{t('workflow.title')}</Typography.Title>;
}
