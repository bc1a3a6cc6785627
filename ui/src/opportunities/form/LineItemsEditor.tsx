import { Button, Form, Input, InputNumber, Tooltip } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatAmount, parseAmount } from '../money';
import { useLanguage } from '../stageDisplay';
import { itemsTotal, newLineItem, type LineItemValues } from './opportunityFormModel';

/**
 * The products of an opportunity or an order: product, quantity, unit price; the amount is their
 * sum. It edits the `items` list (LineItemValues) of whichever form it is placed in. `amounts`
 * gives a line's own amount where it is not quantity × unit price (an order's kept discount).
 */
export function LineItemsEditor({ currency, amounts = [] }: { currency: string; amounts?: (number | null)[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const form = Form.useFormInstance<{ items?: LineItemValues[] }>();
  const items: LineItemValues[] = Form.useWatch('items', form) ?? [];
  const total = itemsTotal(items, amounts);
  const lineTotal = (item: LineItemValues | undefined, index: number) => {
    const price = item ? parseAmount(item.unitPrice) : null;
    if (price === null || !item?.quantity) return '—';
    return formatAmount(amounts[index] ?? price * item.quantity, currency, language);
  };

  return (
    <div className="line-items" data-testid="line-items">
      <div className="line-items-row line-items-head">
        <span>{t('opportunities.items.product')}</span>
        <span>{t('opportunities.items.quantity')}</span>
        <span>{t('opportunities.items.unitPrice')}</span>
        <span className="line-items-total-cell">{t('opportunities.items.lineTotal')}</span>
        <span />
      </div>
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <div className="line-items-row" key={field.key} data-testid="line-item">
                <Form.Item
                  name={[field.name, 'product']}
                  rules={[{ required: true, whitespace: true, message: t('opportunities.items.productRequired') }]}
                >
                  <Input
                    placeholder={t('opportunities.items.productPlaceholder')}
                    maxLength={200}
                    data-testid={`item-product-${index}`}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'quantity']} rules={[{ required: true, message: t('opportunities.items.quantityRequired') }]}>
                  <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} data-testid={`item-quantity-${index}`} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'unitPrice']}
                  rules={[
                    {
                      validator: (_, value: string | undefined) =>
                        parseAmount(value ?? '') === null ? Promise.reject(new Error(t('opportunities.form.amountInvalid'))) : Promise.resolve(),
                    },
                  ]}
                >
                  <Input inputMode="decimal" placeholder="0.00" data-testid={`item-price-${index}`} />
                </Form.Item>
                <span className="line-items-total-cell">{lineTotal(items[index], index)}</span>
                <Tooltip title={t('common.remove')}>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    disabled={fields.length === 1}
                    onClick={() => remove(field.name)}
                    aria-label={t('common.remove')}
                  />
                </Tooltip>
              </div>
            ))}
            <div className="line-items-foot">
              <Button size="small" icon={<PlusOutlined />} onClick={() => add(newLineItem())} data-testid="item-add">
                {t('opportunities.items.add')}
              </Button>
              <span className="line-items-sum" data-testid="items-total">
                {t('opportunities.items.total', { amount: total === null ? '—' : formatAmount(total, currency, language) })}
              </span>
            </div>
          </>
        )}
      </Form.List>
    </div>
  );
}
