import type { ReactNode } from 'react';
import { App, Breadcrumb, Button, Popconfirm, Space, Tooltip } from 'antd';
import { DeleteOutlined, EditOutlined, SendOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, type Campaign } from '../../ipc/client';
import { formatDateTime } from '../../customers/display';
import { useDeleteCampaign } from '../queries';
import { CampaignStatusTag } from '../campaignDisplay';
import { mayDelete, mayEditContent, sendAction } from '../campaignModel';

interface Props {
  campaign: Campaign;
  /** Recipients still pending or failed (known once a sent campaign's results are read). */
  open: number | undefined;
  onEdit: () => void;
  onSend: () => void;
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <div className="campaign-fact" data-testid={testId}>
      <span className="campaign-fact-label">{label}</span>
      <span className="campaign-fact-value">{children}</span>
    </div>
  );
}

/** The campaign's name, status, audience, sender and sending, and what its editors may do now. */
export function CampaignHeader({ campaign: c, open, onEdit, onSend }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const remove = useDeleteCampaign(c.id);
  const action = sendAction(c.status, open);
  const editable = mayEditContent(c);
  const deletable = mayDelete(c);
  const sender = c.fromName ? `${c.fromName} <${c.fromAddress}>` : c.fromAddress;

  const confirmDelete = () =>
    remove.mutate(undefined, {
      onSuccess: () => {
        void message.success(t('campaigns.detail.deleted', { name: c.name }));
        void navigate('/campaigns');
      },
      onError: (e) => void message.error(t('campaigns.detail.refused', { message: errorMessage(e) })),
    });

  return (
    <div className="campaign-header">
      <Breadcrumb items={[{ title: <Link to="/campaigns">{t('campaigns.title')}</Link> }, { title: c.name }]} />
      <div className="campaign-header-main">
        <div className="campaign-header-text">
          <h1 className="campaign-title">
            <span data-testid="campaign-title">{c.name}</span>
            <CampaignStatusTag status={c.status} />
          </h1>
          <div className="campaign-facts">
            <Fact label={t('campaigns.detail.segment')} testId="campaign-segment">
              <Link to={`/segments/${c.segmentId}`}>{c.segmentName}</Link>
            </Fact>
            <Fact label={t('campaigns.detail.excludeSegment')} testId="campaign-exclude">
              {c.excludeSegmentId ? (
                <Link to={`/segments/${c.excludeSegmentId}`}>{c.excludeSegmentName}</Link>
              ) : (
                <span className="muted">{t('campaigns.detail.noExclude')}</span>
              )}
            </Fact>
            <Fact label={t('campaigns.detail.from')} testId="campaign-from">
              {sender}
            </Fact>
            <Fact label={t('campaigns.detail.language')} testId="campaign-language">
              {t(`campaigns.languages.${c.language}`)}
            </Fact>
            <Fact label={t('campaigns.detail.attribution')} testId="campaign-attribution">
              {t('campaigns.days', { count: c.attributionDays })}
            </Fact>
            <Fact label={t('campaigns.detail.owner')} testId="campaign-owner">
              {c.owner}
            </Fact>
            {c.sentAt && (
              <Fact label={t('campaigns.detail.sent')} testId="campaign-sent">
                {t('campaigns.detail.sentAtBy', { at: formatDateTime(c.sentAt), by: c.sentBy ?? t('common.none') })}
              </Fact>
            )}
            {c.channel && (
              <Fact label={t('campaigns.detail.channel')} testId="campaign-channel">
                {t(`campaigns.channel.${c.channel}`)}
                {c.channel === 'eml' && c.emlDirectory && <code className="campaign-folder">{c.emlDirectory}</code>}
              </Fact>
            )}
          </div>
        </div>
        <Space wrap className="campaign-actions">
          <Tooltip title={c.mayEdit && !action ? t('campaigns.detail.nothingToSend') : undefined}>
            <Button type="primary" icon={<SendOutlined />} disabled={!c.mayEdit || !action} onClick={onSend} data-testid="campaign-send">
              {t(`campaigns.detail.${action ?? 'send'}`)}
            </Button>
          </Tooltip>
          <Tooltip title={c.mayEdit && !editable ? t('campaigns.detail.editOnlyDraft') : undefined}>
            <Button icon={<EditOutlined />} disabled={!editable} onClick={onEdit} data-testid="campaign-edit">
              {t('campaigns.detail.edit')}
            </Button>
          </Tooltip>
          <Popconfirm
            title={t('campaigns.detail.deleteConfirm', { name: c.name })}
            description={<div className="popconfirm-hint">{t('campaigns.detail.deleteHint')}</div>}
            okButtonProps={{ danger: true }}
            onConfirm={confirmDelete}
            disabled={!deletable}
          >
            <Tooltip title={c.mayEdit && !deletable ? t('campaigns.detail.deleteSending') : undefined}>
              <Button danger icon={<DeleteOutlined />} disabled={!deletable} loading={remove.isPending} data-testid="campaign-delete">
                {t('campaigns.detail.delete')}
              </Button>
            </Tooltip>
          </Popconfirm>
        </Space>
      </div>
      {!c.mayEdit && (
        <div className="muted campaign-readonly" data-testid="campaign-readonly">
          {t('campaigns.detail.readOnly')}
        </div>
      )}
    </div>
  );
}
