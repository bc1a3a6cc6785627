import { Tag, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Activity } from '../../ipc/client';
import { formatDateTime } from '../display';
import { ACTIVITY_COLORS, ACTIVITY_ICONS } from './activityKinds';

/**
 * Activities newest first, each with its kind, subject, time, author and notes: the customer's
 * timeline, a lead's follow-ups and an opportunity's activities look the same. `itemTestId` names
 * each entry for the tests of the screen that shows them.
 */
export function ActivityTimeline({ activities, itemTestId }: { activities: Activity[]; itemTestId: string }) {
  const { t } = useTranslation();
  return (
    <Timeline
      className="activity-timeline"
      items={activities.map((a) => ({
        key: a.id,
        icon: (
          <span className="timeline-icon" style={{ color: ACTIVITY_COLORS[a.kind] }}>
            {ACTIVITY_ICONS[a.kind]}
          </span>
        ),
        content: (
          <div className="activity" data-testid={itemTestId}>
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
        ),
      }))}
    />
  );
}
