import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Placeholder until built. */
export function DeskPage() {
  const { t } = useTranslation();
  return <Typography.Title level={3} data-testid="desk-page">{t('desk.title')}</Typography.Title>;
}
