import { Tabs } from 'antd';
import {
  ApartmentOutlined,
  BranchesOutlined,
  ClockCircleOutlined,
  CustomerServiceOutlined,
  DatabaseOutlined,
  InboxOutlined,
  MailOutlined,
  OrderedListOutlined,
  TagsOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DimensionsPanel } from './DimensionsPanel';
import { TagsPanel } from './TagsPanel';
import { PoolRulesPanel } from '../leads/settings/PoolRulesPanel';
import { AssignmentRulesPanel } from '../leads/settings/AssignmentRulesPanel';
import { StagesPanel } from '../opportunities/StagesPanel';
import { SlaSettingsPanel } from '../desk/settings/SlaSettingsPanel';
import { RoutingPanel } from '../desk/settings/RoutingPanel';
import { SmtpSettingsPanel } from '../campaigns/SmtpSettingsPanel';
import { BackupPanel } from '../backup/BackupPanel';
import { useCurrentUser } from '../auth/CurrentUser';
import './settings.css';

/**
 * Settings: the customer dimensions and tags, the lead pool and assignment rules, the opportunity
 * stages, the SLA and working calendar, the ticket routing; for administrators the mail server and
 * backups.
 */
export function SettingsPage() {
  const { t } = useTranslation();
  // Only administrators may read the SMTP server and the backups (the core refuses anyone else), so
  // only they get those tabs.
  const { isAdmin } = useCurrentUser();
  return (
    <div className="page settings-page">
      <div className="page-toolbar">
        <h1 className="page-title">{t('settings.title')}</h1>
      </div>
      <Tabs
        className="settings-tabs"
        items={[
          {
            key: 'dimensions',
            label: t('settings.dimensions'),
            icon: <ApartmentOutlined />,
            children: <DimensionsPanel />,
          },
          { key: 'tags', label: t('settings.tags'), icon: <TagsOutlined />, children: <TagsPanel /> },
          { key: 'pool', label: t('settings.leadPool'), icon: <InboxOutlined />, children: <PoolRulesPanel /> },
          { key: 'assignment', label: t('settings.assignmentRules'), icon: <BranchesOutlined />, children: <AssignmentRulesPanel /> },
          { key: 'stages', label: t('settings.stages'), icon: <OrderedListOutlined />, children: <StagesPanel /> },
          { key: 'sla', label: t('settings.sla'), icon: <ClockCircleOutlined />, children: <SlaSettingsPanel /> },
          { key: 'routing', label: t('settings.routing'), icon: <CustomerServiceOutlined />, children: <RoutingPanel /> },
          ...(isAdmin
            ? [
                { key: 'smtp', label: t('campaigns.smtp.tab'), icon: <MailOutlined />, children: <SmtpSettingsPanel /> },
                {
                  key: 'backup',
                  label: <span data-testid="settings-tab-backup">{t('backup.tab')}</span>,
                  icon: <DatabaseOutlined />,
                  children: <BackupPanel />,
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
