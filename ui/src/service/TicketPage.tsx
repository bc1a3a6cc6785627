import { useState } from 'react';
import { Card, Col, Row } from 'antd';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { RecordLoadFailed, RecordLoading } from '../shell/RecordPageStates';
import { useCurrentUser } from '../auth/CurrentUser';
import { RecordTasksCard } from '../workflow/RecordTasksCard';
import { useAgentNames, useSupervisesTickets, useTicketDetail } from './ticketQueries';
import { TicketHeader } from './detail/TicketHeader';
import { TicketDetailsCard } from './detail/TicketDetailsCard';
import { TicketTimeline } from './detail/TicketTimeline';
import { ReplyBox } from './detail/ReplyBox';
import { SlaCard } from './detail/SlaCard';
import { RatingCard } from './detail/RatingCard';
import { AttachmentsCard } from './detail/AttachmentsCard';
import { TicketEditModal } from './detail/TicketEditModal';
import './service.css';
import './detail/ticketPage.css';

/** One ticket: what was asked, the conversation, the SLA clocks, and what may be done now. */
export function TicketPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const supervises = useSupervisesTickets();
  const detail = useTicketDetail(id);
  const agentName = useAgentNames();
  const [editing, setEditing] = useState(false);

  if (detail.isPending) return <RecordLoading />;
  if (detail.isError) {
    return <RecordLoadFailed error={detail.error} notFoundTitle={t('service.detail.notFound')} backLabel={t('service.detail.back')} backTo="/tickets" />;
  }
  const { ticket: k, events, attachments } = detail.data;
  // The core lets the agent, managers and administrators edit; the ticket carries no flag for it.
  const mayEdit = supervises || k.assignee?.toLowerCase() === user.login.toLowerCase();
  return (
    <div className="page ticket-page" data-testid="ticket-page">
      <TicketHeader ticket={k} mayEdit={mayEdit} onEdit={() => setEditing(true)} />
      <Row gutter={16} className="ticket-columns">
        <Col xs={24} lg={15}>
          <TicketDetailsCard ticket={k} agentName={agentName} />
          <Card size="small" className="section-card ticket-conversation" title={t('service.timeline.title')}>
            <TicketTimeline events={events} agentName={agentName} />
            <ReplyBox ticket={k} />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <SlaCard ticket={k} />
          <RatingCard ticket={k} />
          <AttachmentsCard ticketId={k.id} attachments={attachments} agentName={agentName} />
          <RecordTasksCard kind="ticket" id={k.id} />
        </Col>
      </Row>
      {editing && <TicketEditModal ticket={k} onClose={() => setEditing(false)} />}
    </div>
  );
}
