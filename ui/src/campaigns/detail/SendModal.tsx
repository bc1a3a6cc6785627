import { useState } from 'react';
import { Alert, Button, Input, Modal, Radio, Space, Statistic } from 'antd';
import { FolderOpenOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage, type Campaign, type DeliveryChannel, type DeliveryReport, type DeliveryRequest } from '../../ipc/client';
import { useCampaignAudience, useEmlDirectory, useSendCampaign } from '../queries';

interface Props {
  campaign: Campaign;
  onClose: () => void;
}

const REPORT_PARTS = ['delivered', 'failed', 'skipped', 'pending'] as const;

/** What one run did; a run the server stopped says why, and that sending again continues it. */
function Report({ report }: { report: DeliveryReport }) {
  const { t } = useTranslation();
  return (
    <div className="campaign-report" data-testid="campaign-send-report">
      <div className="campaign-stats">
        {REPORT_PARTS.map((part) => (
          <Statistic key={part} title={t(`campaigns.send.${part}`)} value={report[part]} data-testid={`report-${part}`} />
        ))}
      </div>
      {report.stopped ? (
        <Alert
          type="warning"
          showIcon
          title={t('campaigns.send.stopped', { reason: report.stopped })}
          description={t('campaigns.send.sendAgain')}
          data-testid="campaign-send-stopped"
        />
      ) : (
        <Alert type="success" showIcon title={t('campaigns.send.complete')} data-testid="campaign-send-complete" />
      )}
    </div>
  );
}

/**
 * Sends the campaign as .eml files into a folder (the core suggests one) or through the SMTP
 * server, then shows what happened; a stopped run can be sent again from here.
 */
export function SendModal({ campaign, onClose }: Props) {
  const { t } = useTranslation();
  const draft = campaign.status === 'draft';
  const [channel, setChannel] = useState<DeliveryChannel>(campaign.channel ?? 'eml');
  const [folder, setFolder] = useState<string | null>(null);
  const suggested = useEmlDirectory(campaign.name, channel === 'eml' && !campaign.emlDirectory);
  const audience = useCampaignAudience(campaign.id, draft);
  const send = useSendCampaign(campaign.id);
  const shownFolder = folder ?? campaign.emlDirectory ?? suggested.data ?? '';
  const report = send.data;
  const request: DeliveryRequest = channel === 'eml' ? { channel, emlDirectory: shownFolder.trim() } : { channel, emlDirectory: null };
  const missingFolder = channel === 'eml' && !shownFolder.trim();

  const footer = report ? (
    <Space>
      {(report.stopped !== null || report.pending > 0) && (
        <Button loading={send.isPending} onClick={() => send.mutate(request)} data-testid="campaign-send-again">
          {t('campaigns.send.again')}
        </Button>
      )}
      <Button type="primary" onClick={onClose} disabled={send.isPending} data-testid="campaign-send-close">
        {t('campaigns.send.close')}
      </Button>
    </Space>
  ) : (
    <Space>
      <Button onClick={onClose} disabled={send.isPending}>
        {t('common.cancel')}
      </Button>
      <Button
        type="primary"
        loading={send.isPending}
        disabled={missingFolder}
        onClick={() => send.mutate(request)}
        data-testid="campaign-send-confirm"
      >
        {t('campaigns.send.confirm')}
      </Button>
    </Space>
  );

  return (
    <Modal
      open
      onCancel={send.isPending ? undefined : onClose}
      closable={!send.isPending}
      mask={{ closable: false }}
      title={t('campaigns.send.title', { name: campaign.name })}
      footer={footer}
      width={600}
    >
      <div className="campaign-send" data-testid="campaign-send-modal">
        {send.isError && (
          <Alert
            type="error"
            showIcon
            title={t('campaigns.send.refused')}
            description={errorMessage(send.error)}
            data-testid="campaign-send-error"
          />
        )}
        {report ? (
          <Report report={report} />
        ) : (
          <>
            <div className="campaign-send-label">{t('campaigns.send.channel')}</div>
            <Radio.Group value={channel} onChange={(e) => setChannel(e.target.value as DeliveryChannel)} className="campaign-channels">
              <Radio value="eml" data-testid="campaign-channel-eml">
                {t('campaigns.send.eml')}
                <div className="campaign-hint">{t('campaigns.send.emlHint')}</div>
              </Radio>
              <Radio value="smtp" data-testid="campaign-channel-smtp">
                {t('campaigns.send.smtp')}
                <div className="campaign-hint">{t('campaigns.send.smtpHint')}</div>
              </Radio>
            </Radio.Group>
            {channel === 'eml' && (
              <div className="campaign-send-folder">
                <div className="campaign-send-label">{t('campaigns.send.folder')}</div>
                <Input
                  prefix={<FolderOpenOutlined />}
                  value={shownFolder}
                  onChange={(e) => setFolder(e.target.value)}
                  status={missingFolder && folder !== null ? 'error' : undefined}
                  data-testid="campaign-send-folder"
                />
                {missingFolder && folder !== null && <div className="error-text">{t('campaigns.send.folderRequired')}</div>}
              </div>
            )}
            <div className="campaign-send-note">
              {draft && audience.data && (
                <div data-testid="campaign-send-audience">{t('campaigns.send.audience', { count: audience.data.recipients })}</div>
              )}
              <div className="campaign-hint">{t(draft ? 'campaigns.send.freezes' : 'campaigns.send.continues')}</div>
            </div>
          </>
        )}
      </div>
    </Modal>
  );
}
