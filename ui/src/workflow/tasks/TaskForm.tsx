import { App, Button, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type RecordRef, type TaskInput } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { useTaskOwners } from '../queries';

interface Values {
  title: string;
  notes?: string;
  due?: Dayjs | null;
  remind?: Dayjs | null;
  owner?: string | null;
}

interface Props {
  /** The record the task is about (from a record's page). */
  record?: RecordRef;
  /** The short form of a record's card: no notes. */
  compact?: boolean;
  onDone: () => void;
  submitLabel: string;
}

const FORMAT = 'YYYY-MM-DD HH:mm';

function toInput(values: Values, record: RecordRef | undefined): TaskInput {
  return {
    title: values.title.trim(),
    notes: values.notes?.trim() ? values.notes.trim() : null,
    dueAt: values.due ? values.due.toISOString() : null,
    remindAt: values.remind ? values.remind.toISOString() : null,
    owner: values.owner ?? null,
    record: record ?? null,
  };
}

/** Times people pick most, one click each. */
function usePresets() {
  const { t } = useTranslation();
  const today = dayjs().startOf('day');
  return [
    { label: t('workflow.tasks.presets.laterToday'), value: today.hour(18) },
    { label: t('workflow.tasks.presets.tomorrow'), value: today.add(1, 'day').hour(9) },
    // day() counts from Sunday (0) whatever the locale; on a Monday "next Monday" is a week on.
    { label: t('workflow.tasks.presets.nextMonday'), value: today.add((8 - today.day()) % 7 || 7, 'day').hour(9) },
  ];
}

/** A new task or reminder: what, when due, when to remind, for whom (managers may choose). */
export function TaskForm({ record, compact = false, onDone, submitLabel }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const owners = useTaskOwners();
  const presets = usePresets();

  const create = useMutation({
    mutationFn: (values: Values) => ipc.taskCreate(toInput(values, record)),
    onSuccess: (task, values) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.tasks });
      void message.success(values.owner ? t('workflow.tasks.assignedTo', { owner: task.owner }) : t('workflow.tasks.created'));
      form.resetFields();
      onDone();
    },
    onError: (e) => void message.error(t('workflow.tasks.refused', { message: errorMessage(e) })),
  });

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      className={`task-form${compact ? ' task-form-compact' : ''}`}
      onFinish={(values) => create.mutate(values)}
      data-testid="task-form"
    >
      <Form.Item
        name="title"
        label={t('workflow.tasks.field.title')}
        rules={[{ required: true, whitespace: true, message: t('workflow.tasks.titlePlaceholder') }]}
      >
        <Input placeholder={t('workflow.tasks.titlePlaceholder')} maxLength={200} autoFocus data-testid="task-title-input" />
      </Form.Item>
      {!compact && (
        <Form.Item name="notes" label={t('workflow.tasks.field.notes')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10000} data-testid="task-notes-input" />
        </Form.Item>
      )}
      <div className="task-form-times">
        <Form.Item name="due" label={t('workflow.tasks.field.due')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format={FORMAT} presets={presets} className="task-time" data-testid="task-due-input" />
        </Form.Item>
        <Form.Item name="remind" label={t('workflow.tasks.field.remind')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format={FORMAT} presets={presets} className="task-time" data-testid="task-remind-input" />
        </Form.Item>
        {owners.length > 0 && (
          <Form.Item name="owner" label={t('workflow.tasks.field.owner')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('workflow.tasks.ownerSelf')}
              options={owners.map((u) => ({ value: u.login, label: u.displayName }))}
              data-testid="task-owner-input"
            />
          </Form.Item>
        )}
      </div>
      <Space className="task-form-buttons">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="task-submit">
          {submitLabel}
        </Button>
      </Space>
    </Form>
  );
}
