import { useState } from 'react';
import { Button, Card, Empty, Skeleton, Tag } from 'antd';
import { FunnelPlotOutlined, PlusOutlined, ProjectOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type LeadStatus } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';
import { formatDateTime } from '../customers/display';
import { Amount, CloseDate, StageTag } from './stageDisplay';
import { OpportunityFormDrawer } from './form/OpportunityFormDrawer';
import './customerSales.css';

const LEAD_COLORS: Record<LeadStatus, string> = {
  unassigned: 'default',
  pending: 'orange',
  following_up: 'blue',
  invalid: 'default',
  converted: 'green',
  voided: 'default',
};

/** The 360 page's view of selling to this customer: the leads it came from and its opportunities. */
export function CustomerSalesCard({ customerId, readOnly }: { customerId: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const customer = useQuery({ queryKey: queryKeys.customerRecord(customerId), queryFn: () => ipc.customerGet(customerId) });
  const leads = useQuery({
    queryKey: [...queryKeys.customerSales(customerId), 'leads'],
    queryFn: () => ipc.customerLeads(customerId),
  });
  const opportunities = useQuery({
    queryKey: [...queryKeys.customerSales(customerId), 'opportunities'],
    queryFn: () => ipc.opportunityList({ customerId, limit: 100 }),
  });
  const items = opportunities.data?.items ?? [];
  const nothing = leads.data?.length === 0 && items.length === 0;

  return (
    <Card
      size="small"
      className="section-card customer-sales"
      data-testid="customer-sales"
      title={t('opportunities.sales.title')}
      extra={
        !readOnly && (
          <Button size="small" type="link" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="customer-sales-new">
            {t('opportunities.new')}
          </Button>
        )
      }
    >
      {(leads.isPending || opportunities.isPending) && <Skeleton active paragraph={{ rows: 2 }} />}
      {leads.isError && <div className="error-text">{errorMessage(leads.error)}</div>}
      {opportunities.isError && <div className="error-text">{errorMessage(opportunities.error)}</div>}
      {nothing && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opportunities.sales.empty')} />}
      {items.length > 0 && (
        <div className="sales-section">
          <div className="sales-section-title">
            <ProjectOutlined /> {t('opportunities.sales.opportunities', { count: items.length })}
          </div>
          {items.map((o) => (
            <div
              key={o.id}
              className="sales-row"
              data-testid="customer-sales-opportunity"
              role="link"
              tabIndex={0}
              onClick={() => void navigate(`/opportunities/${o.id}`)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') void navigate(`/opportunities/${o.id}`);
              }}
            >
              <div className="sales-main">
                <Link to={`/opportunities/${o.id}`} className="sales-name" onClick={(e) => e.stopPropagation()}>
                  {o.name}
                </Link>
                <div className="sales-meta">
                  <CloseDate date={o.expectedClose} open={o.stage.outcome === 'open'} /> · {o.ownerName}
                </div>
              </div>
              <StageTag stage={o.stage} />
              <Amount minor={o.amount} currency={o.currency} className="amount sales-amount" />
            </div>
          ))}
        </div>
      )}
      {(leads.data?.length ?? 0) > 0 && (
        <div className="sales-section">
          <div className="sales-section-title">
            <FunnelPlotOutlined /> {t('opportunities.sales.leads', { count: leads.data?.length })}
          </div>
          {leads.data?.map((lead) => (
            <div key={lead.id} className="sales-row" data-testid="customer-sales-lead">
              <div className="sales-main">
                <Link to={`/leads/${lead.id}`} className="sales-name">
                  {lead.name}
                </Link>
                <div className="sales-meta">
                  {[lead.company, lead.ownerName, formatDateTime(lead.createdAt)].filter(Boolean).join(' · ')}
                </div>
              </div>
              <Tag color={LEAD_COLORS[lead.status]} variant="filled">
                {t(`leads.status.${lead.status}`)}
              </Tag>
            </div>
          ))}
        </div>
      )}
      <OpportunityFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        customer={customer.data ? { id: customerId, name: customer.data.name } : undefined}
      />
    </Card>
  );
}
