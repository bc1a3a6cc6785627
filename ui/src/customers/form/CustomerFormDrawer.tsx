import { useState } from 'react';
import { Alert, App, Button, Drawer, Form, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, isFailure, type Customer, type Language } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { useLiveFields, useTagList } from '../../classification/queries';
import { toCustomerInput, toFormValues, type CustomerFormValues } from './customerFormModel';
import { CustomerFormFields } from './CustomerFormFields';
import './customerForm.css';

interface Props {
  open: boolean;
  onClose: () => void;
  /** The customer to edit; a new customer when absent. */
  customer?: Customer;
}

interface FormProps {
  initial: Customer | undefined;
  onClose: () => void;
}

function CustomerForm({ initial, onClose }: FormProps) {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { builtin, custom } = useLiveFields();
  const tags = useTagList();
  const [form] = Form.useForm<CustomerFormValues>();
  // The version the user started editing from; only an explicit reload moves it forward, so a
  // change made elsewhere meanwhile is reported as a conflict instead of silently overwritten.
  const [base, setBase] = useState(initial);

  const save = useMutation({
    mutationFn: (values: CustomerFormValues) => {
      const input = toCustomerInput(values, custom);
      return base ? ipc.customerUpdate(base.id, base.version, input) : ipc.customerCreate(input);
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.customerRecord(saved.id), saved);
      void message.success(t(base ? 'form.savedName' : 'form.createdName', { name: saved.name }));
      // The core announces the change too; a new customer is also fetched right away so the list
      // shows it even before the event arrives.
      if (!base) void queryClient.invalidateQueries({ queryKey: queryKeys.customers });
      onClose();
    },
  });

  const reload = useMutation({
    mutationFn: (id: string) => ipc.customerGet(id),
    onSuccess: (latest) => {
      queryClient.setQueryData(queryKeys.customerRecord(latest.id), latest);
      setBase(latest);
      form.resetFields();
      form.setFieldsValue(toFormValues(latest));
      save.reset();
    },
  });

  const conflict = isFailure(save.error, 'conflict');
  return (
    <div className="customer-form-body">
      {save.isError && (
        <Alert
          className="form-alert"
          type={conflict ? 'warning' : 'error'}
          showIcon
          data-testid="customer-form-error"
          title={conflict ? t('form.conflict') : t('form.invalid')}
          description={errorMessage(save.error)}
          action={
            conflict && base ? (
              <Button size="small" loading={reload.isPending} onClick={() => reload.mutate(base.id)}>
                {t('form.reloadLatest')}
              </Button>
            ) : undefined
          }
        />
      )}
      {reload.isError && <Alert type="error" showIcon title={errorMessage(reload.error)} />}
      <Form<CustomerFormValues>
        form={form}
        layout="vertical"
        initialValues={toFormValues(initial)}
        onFinish={(values) => save.mutate(values)}
        data-testid="customer-form"
        className="customer-form"
      >
        <CustomerFormFields builtin={builtin} custom={custom} tags={tags} language={language} />
      </Form>
      <div className="drawer-footer">
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="customer-form-submit">
            {base ? t('common.save') : t('common.create')}
          </Button>
        </Space>
      </div>
    </div>
  );
}

/** Create or edit a customer in a side drawer; what the user typed survives a refused save. */
export function CustomerFormDrawer({ open, onClose, customer }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={680}
      destroyOnHidden
      title={customer ? `${t('form.editTitle')} · ${customer.name}` : t('form.createTitle')}
      styles={{ body: { padding: 0 } }}
    >
      {open && <CustomerForm initial={customer} onClose={onClose} />}
    </Drawer>
  );
}
