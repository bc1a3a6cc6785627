import { useState, type HTMLAttributes } from 'react';
import { Alert, Button, Empty, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, type Campaign } from '../ipc/client';
import { formatDateTime } from '../customers/display';
import { useCampaigns } from './queries';
import { CampaignStatusTag } from './campaignDisplay';
import { CampaignEditorDrawer } from './CampaignEditorDrawer';
import './campaigns.css';

/** Every campaign, newest first: whom it goes to, where it is in its life, when it went and whose it is. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const campaigns = useCampaigns();
  const [creating, setCreating] = useState(false);
  const none = <span className="muted">{t('common.none')}</span>;

  const columns: ColumnsType<Campaign> = [
    {
      key: 'name',
      title: t('campaigns.list.name'),
      render: (_, c) => (
        <Link to={`/campaigns/${c.id}`} className="campaign-name-link" data-testid="campaign-link">
          {c.name}
        </Link>
      ),
    },
    {
      key: 'segment',
      title: t('campaigns.list.segment'),
      width: 240,
      render: (_, c) => (
        <div data-testid="campaign-row-segment">
          <Link to={`/segments/${c.segmentId}`}>{c.segmentName}</Link>
          {c.excludeSegmentName && (
            <div className="campaign-excluding">{t('campaigns.list.excluding', { name: c.excludeSegmentName })}</div>
          )}
        </div>
      ),
    },
    { key: 'status', title: t('campaigns.list.status'), width: 110, render: (_, c) => <CampaignStatusTag status={c.status} /> },
    {
      key: 'sentAt',
      title: t('campaigns.list.sentAt'),
      width: 150,
      render: (_, c) => (c.sentAt ? <span data-testid="campaign-row-sent-at">{formatDateTime(c.sentAt)}</span> : none),
    },
    { key: 'owner', title: t('campaigns.list.owner'), width: 120, render: (_, c) => c.owner },
  ];

  return (
    <div className="page campaigns-page" data-testid="campaigns-page">
      <div className="page-toolbar">
        <h1 className="page-title">{t('campaigns.title')}</h1>
        <span className="muted campaigns-subtitle">{t('campaigns.subtitle')}</span>
        <div className="toolbar-spacer" />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="campaign-new">
          {t('campaigns.list.new')}
        </Button>
      </div>
      <div className="campaigns-frame">
        {campaigns.isError && (
          <Alert type="error" showIcon title={t('campaigns.list.failed', { message: errorMessage(campaigns.error) })} />
        )}
        {campaigns.isSuccess && campaigns.data.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaigns.list.empty')} data-testid="campaigns-empty" />
        ) : (
          <Table<Campaign>
            size="middle"
            rowKey="id"
            loading={campaigns.isPending}
            dataSource={campaigns.data ?? []}
            columns={columns}
            pagination={false}
            onRow={(c) => ({ 'data-testid': 'campaign-row', 'data-campaign-id': c.id }) as HTMLAttributes<HTMLTableRowElement>}
          />
        )}
      </div>
      <CampaignEditorDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(saved) => void navigate(`/campaigns/${saved.id}`)}
      />
    </div>
  );
}
