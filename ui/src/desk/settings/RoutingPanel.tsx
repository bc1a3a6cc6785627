import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/CurrentUser';
import { RoutingSettingsEditor } from './RoutingSettingsEditor';
import { AgentsTable } from './AgentsTable';
import './deskSettings.css';

/** Settings › 工单分配: how new tickets find an agent, the ticket categories, the agents' skills. */
export function RoutingPanel() {
  const { t } = useTranslation();
  // Only what the UI offers; the core refuses the saves to anyone else.
  const { user, isAdmin } = useCurrentUser();
  const setsSkills = isAdmin || user.role === 'manager';
  return (
    <div className="settings-panel desk-settings" data-testid="routing-settings">
      {!isAdmin && <Alert type="info" showIcon title={t('desk.routing.adminOnly')} />}
      <RoutingSettingsEditor editable={isAdmin} />
      <AgentsTable editable={setsSkills} />
    </div>
  );
}
