import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Placeholder until built. */
export function SlaSettingsPanel() {
  const { t } = useTranslation();
  return <Typography.Title level={3} data-testid="sla-settings">{t('desk.title')}</Typography.Title>;
}
