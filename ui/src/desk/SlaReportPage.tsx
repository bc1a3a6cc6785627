import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Placeholder until built. */
export function SlaReportPage() {
  const { t } = useTranslation();
  return <Typography.Title level={3} data-testid="sla-report-page">{t('desk.title')}</Typography.Title>;
}
