import { App, Divider, Form, Input, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ipc, isFailure, type Lead } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { SaveModal } from '../../shell/SaveModal';
import { toLeadFormValues, toLeadInput, type LeadFormValues } from './leadFormModel';

interface Props {
  /** The lead to edit; a new lead when absent. */
  lead?: Lead;
  onClose: () => void;
}

/** Enter a new lead or edit one's details (its status changes only through actions). */
export function LeadFormModal({ lead, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<LeadFormValues>();
  const save = useMutation({
    mutationFn: (values: LeadFormValues) =>
      lead ? ipc.leadUpdate(lead.id, lead.version, toLeadInput(values)) : ipc.leadCreate(toLeadInput(values)),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.leads });
      void queryClient.invalidateQueries({ queryKey: queryKeys.lead(saved.id) });
      void message.success(t(lead ? 'leads.form.saved' : 'leads.form.created', { name: saved.name }));
      onClose();
    },
  });
  const text = (name: keyof LeadFormValues, placeholder?: string, testId?: string) => (
    <Form.Item name={name} label={t(`leads.field.${name}`)}>
      <Input placeholder={placeholder} data-testid={testId ?? `lead-field-${name}`} maxLength={200} />
    </Form.Item>
  );

  return (
    <SaveModal
      title={lead ? t('leads.form.editTitle') : t('leads.form.createTitle')}
      width={640}
      onSave={() => form.submit()}
      onClose={onClose}
      saving={save.isPending}
      error={save.error}
      errorTitle={isFailure(save.error, 'conflict') ? t('leads.form.conflict') : undefined}
      errorTestId="lead-form-error"
    >
      <Form<LeadFormValues>
        form={form}
        layout="vertical"
        className="lead-form"
        data-testid="lead-form"
        initialValues={toLeadFormValues(lead)}
        onFinish={(v) => save.mutate(v)}
      >
        <Divider titlePlacement="start" plain className="lead-form-divider">
          {t('leads.form.person')}
        </Divider>
        <div className="form-grid-2">
          <Form.Item
            name="name"
            label={t('leads.field.name')}
            rules={[{ required: true, whitespace: true, message: t('leads.form.nameRequired') }]}
          >
            <Input autoFocus placeholder={t('leads.form.namePlaceholder')} data-testid="lead-field-name" maxLength={100} />
          </Form.Item>
          {text('company', t('leads.form.companyPlaceholder'))}
          {text('phone', t('leads.form.phonePlaceholder'))}
          {text('email', t('leads.form.emailPlaceholder'))}
        </div>
        <Divider titlePlacement="start" plain className="lead-form-divider">
          {t('leads.form.where')}
        </Divider>
        <div className="form-grid-3">
          {text('country', t('leads.form.countryPlaceholder'))}
          {text('province', t('leads.form.provincePlaceholder'))}
          {text('city', t('leads.form.cityPlaceholder'))}
        </div>
        <Typography.Text type="secondary" className="lead-form-hint">
          {t('leads.form.territoryHint')}
        </Typography.Text>
        <Divider titlePlacement="start" plain className="lead-form-divider">
          {t('leads.form.more')}
        </Divider>
        <div className="form-grid-2">
          {text('source', t('leads.form.sourcePlaceholder'))}
          {text('industry', t('leads.form.industryPlaceholder'))}
        </div>
        <Form.Item name="notes" label={t('leads.field.notes')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="lead-field-notes" maxLength={2000} />
        </Form.Item>
      </Form>
    </SaveModal>
  );
}
