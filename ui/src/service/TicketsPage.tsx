import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Placeholder until built. */
export function TicketsPage() {
  const { t } = useTranslation();
  return <Typography.Title level={3} data-testid="tickets-page">{t('service.title')}</Typography.Title>;
}
