import { Alert, App, Checkbox, Form, Modal, Spin, Typography, type FormInstance } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type CustomerInput, type CustomerMatch, type Lead, type Stage } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { useStages } from '../leadQueries';
import { CustomerChoice } from './CustomerChoice';
import { NewCustomerFields } from './NewCustomerFields';
import { OpportunityFields } from './OpportunityFields';
import { NEW_CUSTOMER, contactPossible, initialConvertValues, toConvertInput, type ConvertFormValues } from './convertModel';
import './convert.css';

interface Props {
  lead: Lead;
  onClose: () => void;
}

/**
 * Converts the lead in one step the core takes whole: into an existing customer it resembles or
 * a new one, optionally with the lead's person as a contact and with an opportunity.
 */
export function ConvertModal({ lead, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ConvertFormValues>();
  const matches = useQuery({ queryKey: queryKeys.leadMatches(lead.id), queryFn: () => ipc.leadMatches(lead.id) });
  const draft = useQuery({
    queryKey: [...queryKeys.lead(lead.id), 'customerDraft'],
    queryFn: () => ipc.leadCustomerDraft(lead.id),
  });
  const stages = useStages();
  const openStages = (stages.data ?? []).filter((s) => s.outcome === 'open').sort((a, b) => a.position - b.position);
  const ready = matches.isSuccess && draft.isSuccess && !stages.isPending;

  const convert = useMutation({
    mutationFn: ({ values, start }: { values: ConvertFormValues; start: CustomerInput }) =>
      ipc.leadConvert(lead.id, toConvertInput(values, start)),
    onSuccess: () => {
      for (const key of [queryKeys.lead(lead.id), queryKeys.leads, queryKeys.customers, queryKeys.opportunities]) {
        void queryClient.invalidateQueries({ queryKey: key });
      }
      void message.success(t('leads.convert.done'));
      onClose();
    },
  });
  const loadError = draft.error ?? stages.error;

  return (
    <Modal
      open
      width={760}
      title={t('leads.convert.title', { name: lead.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('leads.convert.submit')}
      okButtonProps={{ disabled: !ready, 'data-testid': 'convert-submit' }}
      cancelText={t('common.cancel')}
      confirmLoading={convert.isPending}
      destroyOnHidden
    >
      {convert.isError && <Alert type="error" showIcon title={errorMessage(convert.error)} className="save-modal-error" data-testid="convert-error" />}
      {loadError && <Alert type="error" showIcon title={t('leads.convert.draftFailed', { message: errorMessage(loadError) })} />}
      {matches.isError && (
        <Alert type="error" showIcon title={t('leads.convert.matchesFailed', { message: errorMessage(matches.error) })} />
      )}
      {!ready && !loadError && !matches.isError && (
        <div className="convert-loading">
          <Spin />
        </div>
      )}
      {ready && (
        <ConvertForm
          form={form}
          matches={matches.data}
          draft={draft.data}
          stages={openStages}
          defaultOpportunityName={t('leads.convert.opportunityNameDefault', { name: lead.company ?? lead.name })}
          onFinish={(values) => convert.mutate({ values, start: draft.data })}
        />
      )}
    </Modal>
  );
}

interface FormProps {
  form: FormInstance<ConvertFormValues>;
  matches: CustomerMatch[];
  draft: CustomerInput;
  stages: Stage[];
  defaultOpportunityName: string;
  onFinish: (values: ConvertFormValues) => void;
}

function ConvertForm({ form, matches, draft, stages, defaultOpportunityName, onFinish }: FormProps) {
  const { t } = useTranslation();
  const choice = Form.useWatch('choice', form);
  const kind = Form.useWatch(['customer', 'kind'], form) ?? draft.kind;
  const withOpportunity = Form.useWatch('withOpportunity', form);
  const mayAddContact = contactPossible({ choice, customer: { name: '', kind } });

  return (
    <Form<ConvertFormValues>
      form={form}
      layout="vertical"
      className="convert-form"
      data-testid="convert-form"
      initialValues={initialConvertValues(draft, matches.length > 0, stages[0]?.id ?? null, defaultOpportunityName)}
      onValuesChange={(changed: Partial<ConvertFormValues>) => {
        // An individual customer is their own contact: untick rather than leave a ticked, disabled box.
        if (changed.customer?.kind === 'individual') form.setFieldValue('createContact', false);
      }}
      onFinish={onFinish}
    >
      <h3 className="convert-step">
        <span className="convert-step-number">1</span>
        {t('leads.convert.customerStep')}
      </h3>
      <Typography.Paragraph type={matches.length > 0 ? 'warning' : 'secondary'} className="convert-step-hint">
        {matches.length > 0 ? t('leads.convert.matchesHint') : t('leads.convert.noMatches')}
      </Typography.Paragraph>
      <Form.Item name="choice" rules={[{ required: true, message: t('leads.convert.chooseCustomer') }]}>
        <CustomerChoice matches={matches} />
      </Form.Item>
      {choice === NEW_CUSTOMER && <NewCustomerFields />}

      <h3 className="convert-step">
        <span className="convert-step-number">2</span>
        {t('leads.convert.optionsStep')}
      </h3>
      <Form.Item name="createContact" valuePropName="checked" extra={t('leads.convert.contactHint')} className="convert-option">
        <Checkbox disabled={!mayAddContact} data-testid="convert-create-contact">
          {t('leads.convert.createContact')}
        </Checkbox>
      </Form.Item>
      <Form.Item name="withOpportunity" valuePropName="checked" className="convert-option">
        <Checkbox data-testid="convert-with-opportunity">{t('leads.convert.withOpportunity')}</Checkbox>
      </Form.Item>
      {withOpportunity && <OpportunityFields stages={stages} />}
    </Form>
  );
}
