import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/CurrentUser';
import { SlaPoliciesEditor } from './SlaPoliciesEditor';
import { WorkCalendarEditor } from './WorkCalendarEditor';
import './deskSettings.css';

/** Settings › SLA 与工作日历: the SLA times and the calendar they are counted in. */
export function SlaSettingsPanel() {
  const { t } = useTranslation();
  // The core refuses the saves to anyone else; they read both.
  const { isAdmin } = useCurrentUser();
  return (
    <div className="settings-panel desk-settings" data-testid="sla-settings">
      {!isAdmin && <Alert type="info" showIcon title={t('desk.settings.adminOnly')} />}
      <SlaPoliciesEditor editable={isAdmin} />
      <WorkCalendarEditor editable={isAdmin} />
    </div>
  );
}
