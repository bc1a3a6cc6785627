import { Alert, Col, Row } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { RecordLoadFailed, RecordLoading } from '../../shell/RecordPageStates';
import { ipc } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { formatDateTime } from '../display';
import { useCurrentUser } from '../../auth/CurrentUser';
import { CustomerHeader } from './CustomerHeader';
import { CustomerDetails } from './CustomerDetails';
import { ContactsCard } from './ContactsCard';
import { ActivityCard } from './ActivityCard';
import { HistoryCard } from './HistoryCard';
import { CustomerSegmentsCard } from './CustomerSegmentsCard';
import { CustomerRfmCard } from '../../rfm/CustomerRfmCard';
import { CustomerCampaignsCard } from '../../campaigns/CustomerCampaignsCard';
import { CustomerSalesCard } from '../../opportunities/CustomerSalesCard';
import { CustomerTicketsCard } from '../../service/CustomerTicketsCard';
import { RecordTasksCard } from '../../workflow/RecordTasksCard';
import { OrdersCard } from '../../orders/OrdersCard';
import './customerPage.css';

/** The customer 360 page: who they are, whom to talk to, what happened, who changed what. */
export function CustomerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { isAdmin } = useCurrentUser();
  const customer = useQuery({ queryKey: queryKeys.customerRecord(id), queryFn: () => ipc.customerGet(id) });

  if (customer.isPending) return <RecordLoading />;
  if (customer.isError) {
    return (
      <RecordLoadFailed
        error={customer.error}
        notFoundTitle={t('customer.notFound')}
        backLabel={t('customer.backToList')}
        backTo="/customers"
      />
    );
  }
  const c = customer.data;
  const inTrash = c.deletedAt !== null;
  return (
    <div className="page customer-page">
      <CustomerHeader customer={c} />
      {inTrash && (
        <Alert type="warning" showIcon className="trash-banner" title={t(isAdmin ? 'customer.inTrash' : 'customer.inTrashAskAdmin', { at: formatDateTime(c.deletedAt) })} />
      )}
      <Row gutter={16} className="customer-columns">
        <Col xs={24} lg={10} xl={9}>
          <CustomerSegmentsCard customerId={c.id} />
          <CustomerRfmCard customerId={c.id} />
          <CustomerCampaignsCard customerId={c.id} readOnly={inTrash} />
          {c.kind !== 'individual' && <ContactsCard customerId={c.id} readOnly={inTrash} />}
          <CustomerDetails customer={c} />
        </Col>
        <Col xs={24} lg={14} xl={15}>
          <CustomerSalesCard customerId={c.id} readOnly={inTrash} />
          {/* Keyed: another customer starts again from the newest orders. */}
          <OrdersCard key={c.id} customerId={c.id} readOnly={inTrash} />
          <CustomerTicketsCard customerId={c.id} readOnly={inTrash} />
          <RecordTasksCard kind="customer" id={c.id} readOnly={inTrash} />
          <ActivityCard customerId={c.id} readOnly={inTrash} />
          <HistoryCard customerId={c.id} />
        </Col>
      </Row>
    </div>
  );
}
