import { useState } from 'react';
import { Col, Row } from 'antd';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '../ipc/client';
import { RecordLoadFailed, RecordLoading } from '../shell/RecordPageStates';
import { useCampaign, useCampaignResults } from './queries';
import { CampaignHeader } from './detail/CampaignHeader';
import { AudienceCard } from './detail/AudienceCard';
import { PreviewCard } from './detail/PreviewCard';
import { SendModal } from './detail/SendModal';
import { ResultsCard } from './detail/ResultsCard';
import { RecipientsCard } from './detail/RecipientsCard';
import { CampaignEditorDrawer } from './CampaignEditorDrawer';
import './campaigns.css';

function CampaignView({ campaign }: { campaign: Campaign }) {
  const draft = campaign.status === 'draft';
  const results = useCampaignResults(campaign.id, !draft);
  const [editing, setEditing] = useState(false);
  const [sending, setSending] = useState(false);
  const open = results.data ? results.data.pending + results.data.failed : undefined;

  return (
    <div className="page campaign-page" data-testid="campaign-page">
      <CampaignHeader campaign={campaign} open={open} onEdit={() => setEditing(true)} onSend={() => setSending(true)} />
      {draft ? (
        <Row gutter={16}>
          <Col xs={24} xl={10}>
            <AudienceCard campaignId={campaign.id} />
          </Col>
          <Col xs={24} xl={14}>
            <PreviewCard campaign={campaign} />
          </Col>
        </Row>
      ) : (
        <>
          <ResultsCard campaign={campaign} results={results} />
          <RecipientsCard campaign={campaign} />
          <PreviewCard campaign={campaign} />
        </>
      )}
      {sending && <SendModal campaign={campaign} onClose={() => setSending(false)} />}
      <CampaignEditorDrawer open={editing} campaign={campaign} onClose={() => setEditing(false)} />
    </div>
  );
}

/**
 * One campaign: a draft's audience and preview, then sending; a sent campaign's results and
 * recipients, whom its editors mark as responded, converted or unsubscribed.
 */
export function CampaignPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const campaign = useCampaign(id);
  if (campaign.isPending) return <RecordLoading />;
  if (campaign.isError) {
    return (
      <RecordLoadFailed error={campaign.error} notFoundTitle={t('campaigns.detail.notFound')} backLabel={t('campaigns.detail.back')} backTo="/campaigns" />
    );
  }
  return <CampaignView key={campaign.data.id} campaign={campaign.data} />;
}
