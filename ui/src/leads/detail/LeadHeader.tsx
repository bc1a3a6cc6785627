import { Breadcrumb, Space, Tag } from 'antd';
import { EnvironmentOutlined, UserOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Lead } from '../../ipc/client';
import { LeadStatusTag } from '../LeadStatusTag';
import { LeadActionBar } from './LeadActionBar';

interface Props {
  lead: Lead;
  onConvert: () => void;
}

/** Who the lead is, where it stands and who owns it, with what may be done with it now. */
export function LeadHeader({ lead, onConvert }: Props) {
  const { t } = useTranslation();
  return (
    <div className="lead-header">
      <Breadcrumb items={[{ title: <Link to="/leads">{t('leads.page.backToList')}</Link> }, { title: lead.name }]} />
      <div className="lead-header-main">
        <div className="lead-header-text">
          <h1 className="lead-title" data-testid="lead-title">
            {lead.name}
            {lead.company && <span className="lead-title-company">{lead.company}</span>}
          </h1>
          <Space size={4} wrap>
            <LeadStatusTag status={lead.status} testId="lead-status" />
            <Tag
              icon={<EnvironmentOutlined />}
              color={lead.territory ? 'geekblue' : 'default'}
              variant="outlined"
              title={t('leads.field.territory')}
              data-testid="lead-territory"
            >
              {lead.territory?.name ?? t('leads.list.unassignedTerritory')}
            </Tag>
            <Tag variant="outlined">{t(`leads.origin.${lead.origin}`)}</Tag>
            <span className="lead-owner-line">
              <UserOutlined className="muted" />
              <span className="muted">{t('leads.field.owner')}</span>
              <span className={lead.ownerName ? 'lead-owner' : 'lead-owner muted'} data-testid="lead-owner">
                {lead.ownerName ?? lead.owner ?? t('leads.page.inPool')}
              </span>
            </span>
          </Space>
        </div>
        <LeadActionBar lead={lead} onConvert={onConvert} />
      </div>
    </div>
  );
}
