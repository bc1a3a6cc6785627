import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Placeholder until built. */
export function TicketPage() {
  const { t } = useTranslation();
  return <Typography.Title level={3} data-testid="ticket-page">{t('service.title')}</Typography.Title>;
}
