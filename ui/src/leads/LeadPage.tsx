import { useState } from 'react';
import { Button, Col, Result, Row, Spin } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, isFailure, type Lead } from '../ipc/client';
import { useLeadDetail } from './leadQueries';
import { LeadHeader } from './detail/LeadHeader';
import { LeadDetailsCard } from './detail/LeadDetailsCard';
import { TransitionsCard } from './detail/TransitionsCard';
import { FollowUpCard } from './detail/FollowUpCard';
import { ConversionBanner } from './detail/ConversionBanner';
import { ConvertModal } from './convert/ConvertModal';
import '../customers/detail/customerPage.css';
import './leads.css';

const ownerNames = (lead: Lead) => new Map(lead.owner && lead.ownerName ? [[lead.owner, lead.ownerName]] : []);
const converted = (lead: Lead): lead is Lead & { customerId: string } => lead.customerId !== null;

/** One lead: who it is, what may be done with it now, what was done, and where it went. */
export function LeadPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const detail = useLeadDetail(id);
  const [converting, setConverting] = useState(false);

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
          title={missing ? t('leads.page.notFound') : t('common.error')}
          subTitle={errorMessage(detail.error)}
          extra={<Button onClick={() => void navigate('/leads')}>{t('leads.page.backToList')}</Button>}
        />
      </div>
    );
  }
  const { lead, transitions, followups } = detail.data;
  return (
    <div className="page lead-page">
      <LeadHeader lead={lead} onConvert={() => setConverting(true)} />
      {converted(lead) && <ConversionBanner lead={lead} />}
      <Row gutter={16} className="lead-columns">
        <Col xs={24} lg={10} xl={9}>
          <LeadDetailsCard lead={lead} />
          <TransitionsCard transitions={transitions} names={ownerNames(lead)} />
        </Col>
        <Col xs={24} lg={14} xl={15}>
          <FollowUpCard leadId={lead.id} followups={followups} mayFollowUp={lead.allowedActions.includes('follow_up')} />
        </Col>
      </Row>
      {converting && <ConvertModal lead={lead} onClose={() => setConverting(false)} />}
    </div>
  );
}
