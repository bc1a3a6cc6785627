import { useState } from 'react';
import { Col, Row } from 'antd';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { RecordLoadFailed, RecordLoading } from '../shell/RecordPageStates';
import { useOpportunity } from './queries';
import { OpportunityHeader } from './detail/OpportunityHeader';
import { StageStepper } from './detail/StageStepper';
import { LineItemsCard } from './detail/LineItemsCard';
import { OpportunityActivitiesCard } from './detail/OpportunityActivitiesCard';
import { OpportunityDetailsCard } from './detail/OpportunityDetailsCard';
import { StageHistoryCard } from './detail/StageHistoryCard';
import { RecordTasksCard } from '../workflow/RecordTasksCard';
import { OpportunityFormDrawer } from './form/OpportunityFormDrawer';
// The timeline and card styles are the customer page's; this page shows activities the same way.
import '../customers/detail/customerPage.css';
import './detail/opportunityPage.css';

/** One opportunity: where it stands, what it is worth, how it moved, what was done about it. */
export function OpportunityPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const detail = useOpportunity(id);
  const [editing, setEditing] = useState(false);

  if (detail.isPending) return <RecordLoading />;
  if (detail.isError) {
    return (
      <RecordLoadFailed
        error={detail.error}
        notFoundTitle={t('opportunities.detail.notFound')}
        backLabel={t('opportunities.detail.backToBoard')}
        backTo="/opportunities"
      />
    );
  }
  const { opportunity: o, items, stageChanges, activities } = detail.data;
  return (
    <div className="page opportunity-page">
      <OpportunityHeader opportunity={o} onEdit={() => setEditing(true)} />
      <StageStepper opportunity={o} changes={stageChanges} />
      <Row gutter={16} className="opportunity-columns">
        <Col xs={24} lg={15}>
          {items.length > 0 && <LineItemsCard items={items} currency={o.currency} amount={o.amount} />}
          <OpportunityActivitiesCard customerId={o.customerId} opportunityId={o.id} activities={activities} />
        </Col>
        <Col xs={24} lg={9}>
          <OpportunityDetailsCard opportunity={o} />
          <StageHistoryCard changes={stageChanges} />
          <RecordTasksCard kind="opportunity" id={o.id} />
        </Col>
      </Row>
      <OpportunityFormDrawer open={editing} onClose={() => setEditing(false)} detail={detail.data} />
    </div>
  );
}
