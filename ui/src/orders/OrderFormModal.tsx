import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, isFailure, type Order } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';
import { CURRENCIES } from '../opportunities/money';
import { LineItemsEditor } from '../opportunities/form/LineItemsEditor';
import { ORDER_STATUSES, hasAdjustedLines, keptLineAmounts, toFormValues, toOrderInput, type OrderFormValues } from './orderFormModel';
import '../opportunities/form/opportunityForm.css';

interface Props {
  customerId: string;
  /** The order to edit; a new one when null. */
  order: Order | null;
  onClose: () => void;
}

/** Enter or change one order of a customer; what was typed survives a refused save. */
export function OrderFormModal({ customerId, order, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<OrderFormValues>();
  const currency = Form.useWatch('currency', form) ?? order?.currency ?? 'CNY';
  const currencies = [...new Set<string>([...CURRENCIES, currency])];
  const lines = Form.useWatch('items', form) ?? [];
  const amounts = keptLineAmounts(lines, order);

  const save = useMutation({
    mutationFn: (values: OrderFormValues) => {
      const input = toOrderInput(customerId, values, order);
      return order ? ipc.orderUpdate(order.id, input) : ipc.orderCreate(input);
    },
    onSuccess: () => {
      void message.success(t(order ? 'orders.form.saved' : 'orders.form.created'));
      // The core announces the change too; asking at once shows it without waiting for the event.
      void queryClient.invalidateQueries({ queryKey: queryKeys.customerOrders(customerId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.customerSegments(customerId) });
      onClose();
    },
  });
  const conflict = isFailure(save.error, 'conflict');

  return (
    <Modal
      open
      width={760}
      title={order ? `${t('orders.form.editTitle')}${order.externalId ? ` · ${order.externalId}` : ''}` : t('orders.form.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'order-save' }}
      confirmLoading={save.isPending}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {save.isError && (
        <Alert
          className="order-form-alert"
          type={conflict ? 'warning' : 'error'}
          showIcon
          data-testid="order-form-error"
          title={t(conflict ? 'orders.form.conflict' : 'orders.form.invalid')}
          description={errorMessage(save.error)}
        />
      )}
      {hasAdjustedLines(order ?? undefined) && (
        <Alert className="order-form-alert" type="info" showIcon title={t('orders.form.discounted')} data-testid="order-form-discounted" />
      )}
      <Form<OrderFormValues>
        form={form}
        layout="vertical"
        className="order-form"
        data-testid="order-form"
        initialValues={toFormValues(order ?? undefined)}
        onFinish={(values) => save.mutate(values)}
      >
        <div className="order-form-grid">
          <Form.Item name="orderedOn" label={t('orders.field.orderedOn')} rules={[{ required: true, message: t('orders.form.orderedOnRequired') }]}>
            <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" allowClear={false} data-testid="order-date" />
          </Form.Item>
          <Form.Item name="status" label={t('orders.field.status')}>
            <Select
              data-testid="order-status"
              options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`orders.status.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="currency" label={t('orders.field.currency')}>
            <Select data-testid="order-currency" options={currencies.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
        </div>
        <Form.Item name="externalId" label={t('orders.field.externalId')} extra={t('orders.form.externalIdHint')}>
          <Input maxLength={100} placeholder={t('orders.form.externalIdPlaceholder')} data-testid="order-number" />
        </Form.Item>
        <Form.Item label={t('orders.field.items')} required>
          <LineItemsEditor currency={currency} amounts={amounts} />
        </Form.Item>
        <Form.Item name="notes" label={t('orders.field.notes')}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={10_000}
            placeholder={t('orders.form.notesPlaceholder')}
            data-testid="order-notes"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
