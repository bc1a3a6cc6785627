import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Placeholder until built. */
export function RoutingPanel() {
  const { t } = useTranslation();
  return <Typography.Title level={3} data-testid="routing-settings">{t('desk.title')}</Typography.Title>;
}
