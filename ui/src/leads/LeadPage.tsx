import { useState } from 'react';
import { Col, Row } from 'antd';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { RecordLoadFailed, RecordLoading } from '../shell/RecordPageStates';
import type { Lead } from '../ipc/client';
import { useLeadDetail } from './leadQueries';
import { LeadHeader } from './detail/LeadHeader';
import { LeadDetailsCard } from './detail/LeadDetailsCard';
import { TransitionsCard } from './detail/TransitionsCard';
import { FollowUpCard } from './detail/FollowUpCard';
import { RecordTasksCard } from '../workflow/RecordTasksCard';
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
  const detail = useLeadDetail(id);
  const [converting, setConverting] = useState(false);

  if (detail.isPending) return <RecordLoading />;
  if (detail.isError) {
    return (
      <RecordLoadFailed
        error={detail.error}
        notFoundTitle={t('leads.page.notFound')}
        backLabel={t('leads.page.backToList')}
        backTo="/leads"
      />
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
          <RecordTasksCard kind="lead" id={lead.id} />
        </Col>
        <Col xs={24} lg={14} xl={15}>
          <FollowUpCard leadId={lead.id} followups={followups} mayFollowUp={lead.allowedActions.includes('follow_up')} />
        </Col>
      </Row>
      {converting && <ConvertModal lead={lead} onClose={() => setConverting(false)} />}
    </div>
  );
}
