import { useState } from 'react';
import { Button, Card, Empty } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Activity } from '../../ipc/client';
import { ActivityTimeline } from '../../customers/detail/ActivityTimeline';
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
        <ActivityTimeline activities={activities} itemTestId="opportunity-activity" />
      )}
    </Card>
  );
}
