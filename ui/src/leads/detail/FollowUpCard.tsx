import { Card, Empty, Tag, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Activity } from '../../ipc/client';
import { formatDateTime } from '../../customers/display';
import { ACTIVITY_COLORS, ACTIVITY_ICONS } from '../../customers/detail/activityKinds';
import { FollowUpForm } from './FollowUpForm';

interface Props {
  leadId: string;
  followups: Activity[];
  /** The core allows a follow-up now (the lead is the user's, or they manage it, and it is open). */
  mayFollowUp: boolean;
}

function FollowUp({ activity: a }: { activity: Activity }) {
  const { t } = useTranslation();
  return (
    <div className="activity" data-testid="lead-followup">
      <div className="activity-head">
        <Tag color={ACTIVITY_COLORS[a.kind]} variant="outlined" className="activity-kind">
          {t(`activityKind.${a.kind}`)}
        </Tag>
        <span className="activity-subject">{a.subject}</span>
      </div>
      <div className="activity-meta">
        {formatDateTime(a.occurredAt)} · {a.author}
      </div>
      {a.body && <div className="activity-body pre-wrap">{a.body}</div>}
    </div>
  );
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
        <Timeline
          className="activity-timeline"
          items={followups.map((a) => ({
            key: a.id,
            icon: <span className="timeline-icon" style={{ color: ACTIVITY_COLORS[a.kind] }}>{ACTIVITY_ICONS[a.kind]}</span>,
            content: <FollowUp activity={a} />,
          }))}
        />
      )}
    </Card>
  );
}
