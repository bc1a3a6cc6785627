import { Alert, App, Button, Form, Input, Radio, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type ActivityKind } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { ACTIVITY_ICONS, ACTIVITY_KINDS } from '../../customers/detail/activityKinds';

interface Values {
  kind: ActivityKind;
  subject: string;
  body: string;
}

interface Props {
  customerId: string;
  opportunityId: string;
  onDone: () => void;
}

/** Logs a call, e-mail, meeting, visit or note about this opportunity (it joins the customer's timeline too). */
export function OpportunityActivityForm({ customerId, opportunityId, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const add = useMutation({
    mutationFn: (v: Values) =>
      ipc.activityAdd(customerId, {
        kind: v.kind,
        occurredAt: null,
        subject: v.subject.trim(),
        body: v.body.trim() ? v.body.trim() : null,
        opportunityId,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.opportunity(opportunityId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.activities(customerId) });
      void message.success(t('activity.added'));
      onDone();
    },
  });

  return (
    <Form<Values>
      layout="vertical"
      className="activity-form opportunity-activity-form"
      data-testid="opportunity-activity-form"
      initialValues={{ kind: 'call', subject: '', body: '' }}
      onFinish={(v) => add.mutate(v)}
    >
      {add.isError && <Alert type="error" showIcon title={errorMessage(add.error)} className="save-modal-error" />}
      <Form.Item name="kind">
        <Radio.Group
          optionType="button"
          size="small"
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
      <Form.Item name="subject" rules={[{ required: true, whitespace: true, message: t('activity.subjectRequired') }]}>
        <Input autoFocus maxLength={200} placeholder={t('activity.subjectPlaceholder')} data-testid="opportunity-activity-subject" />
      </Form.Item>
      <Form.Item name="body">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder={t('activity.notesPlaceholder')} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="opportunity-activity-submit">
          {t('activity.submit')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
