import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LineItem } from '../../ipc/client';
import { formatAmount } from '../money';
import { useLanguage } from '../stageDisplay';

/** What the customer would buy: each product with quantity, unit price and line total. */
export function LineItemsCard({ items, currency, amount }: { items: LineItem[]; currency: string; amount: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = (minor: number) => formatAmount(minor, currency, language);
  return (
    <Card size="small" className="section-card" title={t('opportunities.items.title')} data-testid="opportunity-items">
      <Table<LineItem & { key: number }>
        size="small"
        pagination={false}
        dataSource={items.map((item, key) => ({ ...item, key }))}
        columns={[
          { key: 'product', title: t('opportunities.items.product'), dataIndex: 'product' },
          { key: 'quantity', title: t('opportunities.items.quantity'), dataIndex: 'quantity', align: 'right' },
          {
            key: 'price',
            title: t('opportunities.items.unitPrice'),
            align: 'right',
            render: (_, i) => <span className="amount">{money(i.unitPrice)}</span>,
          },
          {
            key: 'total',
            title: t('opportunities.items.lineTotal'),
            align: 'right',
            render: (_, i) => <span className="amount">{money(i.unitPrice * i.quantity)}</span>,
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={3}>
              <strong>{t('opportunities.items.sum')}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <strong className="amount">{money(amount)}</strong>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </Card>
  );
}
