import { useState, type HTMLAttributes } from 'react';
import { App, Button, Card, Empty, Popconfirm, Skeleton, Table, Tooltip } from 'antd';
import { DeleteOutlined, EditOutlined, InfoCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type CustomerOrders, type Order, type OrderStatus } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';
import { formatAmount } from '../opportunities/money';
import { useLanguage } from '../opportunities/stageDisplay';
import { OrderFormModal } from './OrderFormModal';
import { OrderStatusTag, allItems, countsAsPurchase, itemsSummary } from './orderDisplay';
import './orders.css';

/** Counted orders stand out; pending ones are muted, cancelled and refunded ones struck out. */
const AMOUNT_CLASS: Record<OrderStatus, string> = {
  pending: 'muted-amount',
  paid: 'counted',
  completed: 'counted',
  cancelled: 'muted-amount voided',
  refunded: 'muted-amount voided',
};

/** How many of the newest orders the card shows first, and how many more each "show more" adds. */
const FIRST_ORDERS = 10;
const MORE_ORDERS = 20;

/** What the customer bought: totals of the counted orders, and the newest orders with their items. */
export function OrdersCard({ customerId, readOnly }: { customerId: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [limit, setLimit] = useState(FIRST_ORDERS);
  // undefined: no form; null: a new order; an order: editing it.
  const [editing, setEditing] = useState<Order | null | undefined>(undefined);
  const orders = useQuery({
    queryKey: queryKeys.customerOrders(customerId, limit),
    queryFn: () => ipc.customerOrders(customerId, limit),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (id: string) => ipc.orderDelete(id),
    onSuccess: () => {
      void message.success(t('orders.list.deleted'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.customerOrders(customerId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.customerSegments(customerId) });
    },
    onError: (e) => void message.error(t('common.failed', { message: errorMessage(e) })),
  });
  const money = (minor: number, currency: string) => formatAmount(minor, currency, language);
  const data = orders.data;

  return (
    <Card
      size="small"
      className="section-card orders-card"
      title={`${t('orders.title')}${data ? ` (${data.totalOrders})` : ''}`}
      data-testid="orders-card"
      extra={
        !readOnly && (
          <Button size="small" type="link" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="order-add">
            {t('orders.add')}
          </Button>
        )
      }
    >
      {orders.isPending && <Skeleton active paragraph={{ rows: 2 }} />}
      {orders.isError && <div className="error-text">{errorMessage(orders.error)}</div>}
      {data && data.totalOrders === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orders.empty')} />}
      {data && data.totalOrders > 0 && (
        <>
          <OrdersSummary data={data} money={money} />
          <Table<Order>
            size="small"
            className="orders-table"
            rowKey="id"
            pagination={false}
            dataSource={data.items}
            onRow={() => ({ 'data-testid': 'order-row' }) as HTMLAttributes<HTMLTableRowElement>}
            expandable={{
              rowExpandable: (o) => o.items.length > 0 || Boolean(o.notes),
              expandedRowRender: (o) => <OrderItems order={o} money={money} />,
            }}
            columns={[
              {
                key: 'date',
                title: t('orders.field.orderedOn'),
                dataIndex: 'orderedOn',
                width: 100,
                render: (d: string) => <span className="order-date">{d}</span>,
              },
              {
                key: 'order',
                title: t('orders.field.orderAndItems'),
                ellipsis: true,
                render: (_, o) => (
                  <div className="order-main">
                    {o.externalId ? (
                      <div className="order-number" data-testid="order-number-cell">
                        {o.externalId}
                      </div>
                    ) : (
                      <div className="order-number muted">{t('orders.list.noNumber')}</div>
                    )}
                    <div className="order-items-summary" title={allItems(o, t)}>
                      {itemsSummary(o.items, t)}
                    </div>
                  </div>
                ),
              },
              {
                key: 'status',
                title: t('orders.field.status'),
                width: 80,
                render: (_, o) => <OrderStatusTag status={o.status} />,
              },
              {
                key: 'amount',
                title: t('orders.field.amount'),
                align: 'right',
                width: 124,
                render: (_, o) => (
                  <span className={`amount order-amount ${AMOUNT_CLASS[o.status]}`} data-testid="order-amount">
                    {money(o.amount, o.currency)}
                  </span>
                ),
              },
              ...(readOnly
                ? []
                : [
                    {
                      key: 'actions',
                      width: 68,
                      render: (_: unknown, o: Order) => (
                        <div className="order-actions">
                          <Tooltip title={t('orders.list.edit')}>
                            <Button
                              type="text"
                              size="small"
                              icon={<EditOutlined />}
                              aria-label={t('orders.list.edit')}
                              onClick={() => setEditing(o)}
                              data-testid="order-edit"
                            />
                          </Tooltip>
                          <Popconfirm
                            title={
                              o.externalId
                                ? t('orders.list.deleteConfirm', { number: o.externalId })
                                : t('orders.list.deleteConfirmDated', { date: o.orderedOn })
                            }
                            description={countsAsPurchase(o.status) ? t('orders.list.deleteHint') : undefined}
                            okText={t('common.delete')}
                            okButtonProps={{ danger: true, loading: remove.isPending }}
                            cancelText={t('common.cancel')}
                            onConfirm={() => remove.mutate(o.id)}
                          >
                            <Button
                              type="text"
                              size="small"
                              danger
                              icon={<DeleteOutlined />}
                              aria-label={t('common.delete')}
                              data-testid="order-delete"
                            />
                          </Popconfirm>
                        </div>
                      ),
                    },
                  ]),
            ]}
          />
          {data.totalOrders > data.items.length && (
            <div className="orders-more">
              <span className="muted">{t('orders.list.showing', { shown: data.items.length, total: data.totalOrders })}</span>
              <Button size="small" type="link" loading={orders.isFetching} onClick={() => setLimit((n) => n + MORE_ORDERS)} data-testid="orders-more">
                {t('orders.list.more')}
              </Button>
            </div>
          )}
        </>
      )}
      {editing !== undefined && <OrderFormModal customerId={customerId} order={editing} onClose={() => setEditing(undefined)} />}
    </Card>
  );
}

type Money = (minor: number, currency: string) => string;

/** The totals of the counted orders per currency, how many counted, and the last purchase. */
function OrdersSummary({ data, money }: { data: CustomerOrders; money: Money }) {
  const { t } = useTranslation();
  return (
    <div className="orders-summary" data-testid="orders-summary">
      <div className="orders-summary-main">
        <span className="orders-summary-label">{t('orders.summary.purchases')}</span>
        <span className="orders-totals" data-testid="orders-totals">
          {data.totals.length === 0 ? (
            <span className="muted">{t('orders.summary.noPurchases')}</span>
          ) : (
            data.totals.map((total) => (
              <span key={total.currency} className="amount orders-total" data-testid="orders-total">
                {money(total.amount, total.currency)}
              </span>
            ))
          )}
        </span>
      </div>
      <div className="orders-summary-meta">
        <span data-testid="orders-counted">{t('orders.summary.counted', { counted: data.countedOrders, total: data.totalOrders })}</span>
        <span data-testid="orders-last">
          {t('orders.summary.lastOrderOn')} {data.lastOrderOn ?? t('orders.summary.never')}
        </span>
        <span className="orders-counted-hint" data-testid="orders-counted-hint">
          <InfoCircleOutlined /> {t('orders.summary.countedHint')}
        </span>
      </div>
    </div>
  );
}

/** An order's lines (the amount of each as the core keeps it) and its notes. */
function OrderItems({ order, money }: { order: Order; money: Money }) {
  const { t } = useTranslation();
  return (
    <div className="order-items" data-testid="order-items">
      {order.items.length > 0 && (
        <table className="order-items-table">
          <thead>
            <tr>
              <th>{t('opportunities.items.product')}</th>
              <th className="num">{t('opportunities.items.quantity')}</th>
              <th className="num">{t('opportunities.items.unitPrice')}</th>
              <th className="num">{t('opportunities.items.lineTotal')}</th>
            </tr>
          </thead>
          <tbody>
            {order.items.map((item, i) => (
              <tr key={i} data-testid="order-item">
                <td>{item.product}</td>
                <td className="num">{item.quantity}</td>
                <td className="num amount">{money(item.unitPrice, order.currency)}</td>
                <td className="num amount">{money(item.amount, order.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {order.notes && (
        <div className="order-notes">
          <span className="orders-summary-label">{t('orders.field.notes')}</span> {order.notes}
        </div>
      )}
    </div>
  );
}
