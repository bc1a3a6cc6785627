import { Alert, App, Button, Drawer, Form, Space, Spin } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, isFailure, type OpportunityDetail, type Stage } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { useStages } from '../queries';
import { OpportunityFormFields } from './OpportunityFormFields';
import { toFormValues, toOpportunityInput, type OpportunityFormValues } from './opportunityFormModel';
import './opportunityForm.css';

interface Props {
  open: boolean;
  onClose: () => void;
  /** The opportunity to edit; a new one when absent. */
  detail?: OpportunityDetail;
  /** A new opportunity's customer, fixed (from the customer's 360 page). */
  customer?: { id: string; name: string };
}

interface FormProps extends Omit<Props, 'open'> {
  stages: Stage[];
}

function OpportunityForm({ detail, customer, stages, onClose }: FormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<OpportunityFormValues>();
  const editing = detail?.opportunity;

  const save = useMutation({
    mutationFn: (values: OpportunityFormValues) => {
      const outcome = stages.find((s) => s.id === values.stageId)?.outcome;
      const input = toOpportunityInput(values, outcome);
      return editing ? ipc.opportunityUpdate(editing.id, editing.version, input) : ipc.opportunityCreate(input);
    },
    onSuccess: (saved) => {
      void message.success(t(editing ? 'opportunities.form.saved' : 'opportunities.form.created', { name: saved.name }));
      // The core announces the change too; asking at once shows it without waiting for the event.
      void queryClient.invalidateQueries({ queryKey: queryKeys.opportunities });
      void queryClient.invalidateQueries({ queryKey: queryKeys.opportunity(saved.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.customerSales(saved.customerId) });
      onClose();
    },
  });

  const conflict = isFailure(save.error, 'conflict');
  return (
    <div className="opportunity-form-body">
      {save.isError && (
        <Alert
          className="opportunity-form-alert"
          type={conflict ? 'warning' : 'error'}
          showIcon
          data-testid="opportunity-form-error"
          title={conflict ? t('opportunities.form.conflict') : t('opportunities.form.invalid')}
          description={errorMessage(save.error)}
        />
      )}
      <Form<OpportunityFormValues>
        form={form}
        layout="vertical"
        initialValues={toFormValues(detail, { customerId: customer?.id, stages })}
        onFinish={(values) => save.mutate(values)}
        // A contact belongs to one customer: choosing another customer forgets it.
        onValuesChange={(changed: Partial<OpportunityFormValues>) => {
          if ('customerId' in changed) form.setFieldValue('contactId', null);
        }}
        data-testid="opportunity-form"
        className="opportunity-form"
      >
        <OpportunityFormFields
          stages={stages}
          customer={editing ? { id: editing.customerId, name: editing.customerName } : customer}
          customerFixed={Boolean(editing ?? customer)}
        />
      </Form>
      <div className="opportunity-form-footer">
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="opportunity-form-submit">
            {editing ? t('common.save') : t('common.create')}
          </Button>
        </Space>
      </div>
    </div>
  );
}

/** Create or edit an opportunity in a side drawer; what was typed survives a refused save. */
export function OpportunityFormDrawer({ open, onClose, detail, customer }: Props) {
  const { t } = useTranslation();
  const stages = useStages();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={720}
      destroyOnHidden
      title={detail ? `${t('opportunities.form.editTitle')} · ${detail.opportunity.name}` : t('opportunities.form.createTitle')}
      styles={{ body: { padding: 0 } }}
    >
      {open && stages.isPending && <Spin className="drawer-spin" />}
      {open && stages.isError && <Alert type="error" showIcon title={errorMessage(stages.error)} />}
      {open && stages.data && (
        <OpportunityForm detail={detail} customer={customer} stages={stages.data} onClose={onClose} />
      )}
    </Drawer>
  );
}
