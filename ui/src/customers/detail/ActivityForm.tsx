import { Alert, App, Button, DatePicker, Form, Input, Radio, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type ActivityKind } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { textOrNull } from '../form/customerFormModel';
import { ACTIVITY_ICONS, ACTIVITY_KINDS } from './activityKinds';

interface Values {
  kind: ActivityKind;
  occurredAt: Dayjs | null;
  subject: string;
  notes?: string;
}

/** Log a call, email, meeting, visit or note; the time starts at "now" and can be moved back. */
export function ActivityForm({ customerId, onDone }: { customerId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const add = useMutation({
    mutationFn: (v: Values) =>
      ipc.activityAdd(customerId, {
        kind: v.kind,
        occurredAt: v.occurredAt ? v.occurredAt.format() : null,
        subject: v.subject.trim(),
        body: textOrNull(v.notes),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.activities(customerId) });
      void message.success(t('activity.added'));
      onDone();
    },
  });

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      className="activity-form"
      data-testid="activity-form"
      initialValues={{ kind: 'call', occurredAt: dayjs(), subject: '', notes: '' }}
      onFinish={(v) => add.mutate(v)}
    >
      {add.isError && <Alert type="error" showIcon title={errorMessage(add.error)} style={{ marginBottom: 12 }} />}
      <Space wrap size={12} align="start">
        <Form.Item name="kind" label={t('activity.kind')}>
          <Radio.Group
            optionType="button"
            data-testid="activity-kind"
            options={ACTIVITY_KINDS.map((k) => ({
              value: k,
              label: (
                <span data-testid={`activity-kind-${k}`}>
                  {ACTIVITY_ICONS[k]} {t(`activityKind.${k}`)}
                </span>
              ),
            }))}
          />
        </Form.Item>
        <Form.Item name="occurredAt" label={t('activity.time')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowClear={false} />
        </Form.Item>
      </Space>
      <Form.Item
        name="subject"
        label={t('activity.subject')}
        rules={[{ required: true, whitespace: true, message: t('activity.subjectRequired') }]}
      >
        <Input autoFocus data-testid="activity-subject" placeholder={t('activity.subjectPlaceholder')} maxLength={200} />
      </Form.Item>
      <Form.Item name="notes" label={t('activity.notes')}>
        <Input.TextArea data-testid="activity-notes" autoSize={{ minRows: 2, maxRows: 8 }} placeholder={t('activity.notesPlaceholder')} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="activity-submit">
          {t('activity.submit')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
