import { Alert, App, Button, Form, Input, Radio } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type ActivityKind } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { textOrNull } from '../../customers/form/customerFormModel';
import { ACTIVITY_ICONS, ACTIVITY_KINDS } from '../../customers/detail/activityKinds';

interface Values {
  kind: ActivityKind;
  subject: string;
  notes?: string;
}

/** Records what was done with the lead and its result; a pending lead becomes "following up". */
export function FollowUpForm({ leadId }: { leadId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const add = useMutation({
    mutationFn: (v: Values) =>
      ipc.leadFollowUp(leadId, {
        kind: v.kind,
        occurredAt: null,
        subject: v.subject.trim(),
        body: textOrNull(v.notes),
        opportunityId: null,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.lead(leadId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.leads });
      void message.success(t('leads.followup.added'));
      form.resetFields();
    },
  });

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      className="activity-form followup-form"
      data-testid="followup-form"
      initialValues={{ kind: 'call', subject: '', notes: '' }}
      onFinish={(v) => add.mutate(v)}
    >
      {add.isError && <Alert type="error" showIcon title={errorMessage(add.error)} className="save-modal-error" />}
      <Form.Item name="kind" label={t('leads.followup.kind')}>
        <Radio.Group
          optionType="button"
          size="small"
          data-testid="followup-kind"
          options={ACTIVITY_KINDS.map((k) => ({
            value: k,
            label: (
              <span>
                {ACTIVITY_ICONS[k]} {t(`activityKind.${k}`)}
              </span>
            ),
          }))}
        />
      </Form.Item>
      <Form.Item
        name="subject"
        label={t('leads.followup.subject')}
        rules={[{ required: true, whitespace: true, message: t('leads.followup.subjectRequired') }]}
      >
        <Input data-testid="followup-subject" placeholder={t('leads.followup.subjectPlaceholder')} maxLength={200} />
      </Form.Item>
      <Form.Item name="notes" label={t('leads.followup.notes')}>
        <Input.TextArea
          data-testid="followup-notes"
          autoSize={{ minRows: 2, maxRows: 6 }}
          placeholder={t('leads.followup.notesPlaceholder')}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="followup-submit">
        {t('leads.followup.submit')}
      </Button>
    </Form>
  );
}
