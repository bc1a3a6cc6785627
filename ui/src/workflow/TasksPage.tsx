import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Placeholder until built. */
export function TasksPage() {
  const { t } = useTranslation();
  return <Typography.Title level={3} data-testid="tasks-page">{t('workflow.title')}</Typography.Title>;
}
