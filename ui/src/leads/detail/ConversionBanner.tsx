import { Alert, Space } from 'antd';
import { ProjectOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ipc, type Lead } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';

/** Where a converted lead went: its customer and, if one was opened, its opportunity. */
export function ConversionBanner({ lead }: { lead: Lead & { customerId: string } }) {
  const { t } = useTranslation();
  // The name reads better than "open customer"; without it (e.g. another team's customer) the
  // link still works.
  const customer = useQuery({
    queryKey: queryKeys.customerRecord(lead.customerId),
    queryFn: () => ipc.customerGet(lead.customerId),
  });
  return (
    <Alert
      type="success"
      showIcon
      className="lead-conversion"
      data-testid="lead-conversion"
      title={t('leads.page.convertedTo')}
      description={
        <Space size={16} wrap>
          <Link to={`/customers/${lead.customerId}`} data-testid="lead-customer-link">
            <TeamOutlined />{' '}
            {customer.data ? t('leads.page.openCustomer', { name: customer.data.name }) : t('leads.page.openCustomerPlain')}
          </Link>
          {lead.opportunityId && (
            <Link to={`/opportunities/${lead.opportunityId}`} data-testid="lead-opportunity-link">
              <ProjectOutlined /> {t('leads.page.openOpportunity')}
            </Link>
          )}
        </Space>
      }
    />
  );
}
