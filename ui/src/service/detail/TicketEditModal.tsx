import { App, Button, Form, Input, Radio, Select } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ipc, isFailure, type Priority, type Ticket } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { SaveModal } from '../../shell/SaveModal';
import { PRIORITIES, categoryName, useTicketRouting } from '../ticketLabels';

interface Values {
  subject: string;
  description?: string | null;
  category?: string | null;
  priority: Priority;
  contactId?: string | null;
}

/** Edits what a ticket is about; a new priority brings new due times (the core's). */
export function TicketEditModal({ ticket: k, onClose }: { ticket: Ticket; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const routing = useTicketRouting();
  const contacts = useQuery({ queryKey: queryKeys.contacts(k.customerId), queryFn: () => ipc.contactList(k.customerId) });
  const save = useMutation({
    mutationFn: (v: Values) =>
      ipc.ticketUpdate(k.id, k.version, {
        subject: v.subject,
        description: v.description?.trim() ? v.description : null,
        category: v.category ?? null,
        priority: v.priority,
        contactId: v.contactId ?? null,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.ticket(k.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.tickets });
      void queryClient.invalidateQueries({ queryKey: queryKeys.customerTickets(k.customerId) });
      void message.success(t('service.edit.saved'));
      onClose();
    },
  });
  const conflict = isFailure(save.error, 'conflict');

  return (
    <SaveModal
      title={t('service.edit.title', { number: k.number })}
      width={600}
      onSave={() => form.submit()}
      onClose={onClose}
      saving={save.isPending}
      error={save.error}
      errorTestId="ticket-edit-error"
    >
      {conflict && (
        // Someone changed the ticket meanwhile: reloading shows their version; what was typed here stays.
        <Button
          size="small"
          className="ticket-edit-reload"
          onClick={() => {
            void queryClient.invalidateQueries({ queryKey: queryKeys.ticket(k.id) });
            onClose();
          }}
          data-testid="ticket-edit-reload"
        >
          {t('service.edit.reload')}
        </Button>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        className="ticket-form"
        data-testid="ticket-edit-form"
        initialValues={{ subject: k.subject, description: k.description, category: k.category, priority: k.priority, contactId: k.contactId }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="subject" label={t('service.form.subject')} rules={[{ required: true, whitespace: true, message: t('service.form.subjectRequired') }]}>
          <Input maxLength={200} data-testid="ticket-edit-subject" />
        </Form.Item>
        <Form.Item name="description" label={t('service.form.description')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={20_000} data-testid="ticket-edit-description" />
        </Form.Item>
        <Form.Item name="priority" label={t('service.form.priority')}>
          <Radio.Group
            optionType="button"
            options={[...PRIORITIES].reverse().map((p) => ({ value: p, label: t(`service.priority.${p}`) }))}
            data-testid="ticket-edit-priority"
          />
        </Form.Item>
        <div className="form-grid-2">
          <Form.Item name="category" label={t('service.form.category')}>
            <Select
              allowClear
              placeholder={t('service.form.categoryPlaceholder')}
              options={(routing.data?.categories ?? []).map((c) => ({ value: c.key, label: categoryName([c], c.key, i18n.language) }))}
              data-testid="ticket-edit-category"
            />
          </Form.Item>
          <Form.Item name="contactId" label={t('service.form.contact')}>
            <Select
              allowClear
              disabled={(contacts.data?.length ?? 0) === 0}
              placeholder={t('service.form.contactPlaceholder')}
              options={(contacts.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              data-testid="ticket-edit-contact"
            />
          </Form.Item>
        </div>
      </Form>
    </SaveModal>
  );
}
