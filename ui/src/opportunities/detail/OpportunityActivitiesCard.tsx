import { useState } from 'react';
import { Button, Card, Empty, Tag, Timeline } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Activity } from '../../ipc/client';
import { formatDateTime } from '../../customers/display';
import { ACTIVITY_COLORS, ACTIVITY_ICONS } from '../../customers/detail/activityKinds';
import { OpportunityActivityForm } from './OpportunityActivityForm';

interface Props {
  customerId: string;
  opportunityId: string;
  activities: Activity[];
}

/** What happened about this opportunity, newest first, and a form to log the next thing. */
export function OpportunityActivitiesCard({ customerId, opportunityId, activities }: Props) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  return (
    <Card
      size="small"
      className="section-card"
      title={t('opportunities.detail.activities')}
      data-testid="opportunity-activities"
      extra={
        <Button
          size="small"
          type={adding ? 'default' : 'primary'}
          icon={<PlusOutlined />}
          onClick={() => setAdding(!adding)}
          data-testid="opportunity-add-activity"
        >
          {t('activity.add')}
        </Button>
      }
    >
      {adding && <OpportunityActivityForm customerId={customerId} opportunityId={opportunityId} onDone={() => setAdding(false)} />}
      {activities.length === 0 && !adding && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opportunities.detail.noActivities')} />
      )}
      {activities.length > 0 && (
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
              <div className="activity" data-testid="opportunity-activity">
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
      )}
    </Card>
  );
}
