import { useState } from 'react';
import { Button, Col, Result, Row, Spin } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, isFailure } from '../ipc/client';
import { useOpportunity } from './queries';
import { OpportunityHeader } from './detail/OpportunityHeader';
import { StageStepper } from './detail/StageStepper';
import { LineItemsCard } from './detail/LineItemsCard';
import { OpportunityActivitiesCard } from './detail/OpportunityActivitiesCard';
import { OpportunityDetailsCard } from './detail/OpportunityDetailsCard';
import { StageHistoryCard } from './detail/StageHistoryCard';
import { OpportunityFormDrawer } from './form/OpportunityFormDrawer';
// The timeline and card styles are the customer page's; this page shows activities the same way.
import '../customers/detail/customerPage.css';
import './detail/opportunityPage.css';

/** One opportunity: where it stands, what it is worth, how it moved, what was done about it. */
export function OpportunityPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const detail = useOpportunity(id);
  const [editing, setEditing] = useState(false);

  if (detail.isPending) {
    return (
      <div className="page page-center">
        <Spin />
      </div>
    );
  }
  if (detail.isError) {
    const missing = isFailure(detail.error, 'not_found');
    return (
      <div className="page page-center">
        <Result
          status={missing ? '404' : 'error'}
          title={missing ? t('opportunities.detail.notFound') : t('common.error')}
          subTitle={errorMessage(detail.error)}
          extra={<Button onClick={() => void navigate('/opportunities')}>{t('opportunities.detail.backToBoard')}</Button>}
        />
      </div>
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
        </Col>
      </Row>
      <OpportunityFormDrawer open={editing} onClose={() => setEditing(false)} detail={detail.data} />
    </div>
  );
}
