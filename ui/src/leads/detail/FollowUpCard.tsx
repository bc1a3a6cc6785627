import { Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Activity } from '../../ipc/client';
import { ActivityTimeline } from '../../customers/detail/ActivityTimeline';
import { FollowUpForm } from './FollowUpForm';

interface Props {
  leadId: string;
  followups: Activity[];
  /** The core allows a follow-up now (the lead is the user's, or they manage it, and it is open). */
  mayFollowUp: boolean;
}

/** What was done with the lead, newest first, with the form to record the next contact. */
export function FollowUpCard({ leadId, followups, mayFollowUp }: Props) {
  const { t } = useTranslation();
  return (
    <Card size="small" className="section-card" title={t('leads.followup.title')} data-testid="lead-followups">
      {mayFollowUp && <FollowUpForm leadId={leadId} />}
      {followups.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('leads.followup.empty')} />
      ) : (
        <ActivityTimeline activities={followups} itemTestId="lead-followup" />
      )}
    </Card>
  );
}
