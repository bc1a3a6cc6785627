import { App, Form, Input, Modal, Radio, Select, Alert } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type Priority, type Ticket, type TicketChannel, type TicketInput } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';
import { CHANNELS, PRIORITIES, categoryName, useTicketRouting } from './ticketLabels';
import { useAgents, useSupervisesTickets } from './ticketQueries';
import { CustomerPicker } from '../opportunities/form/CustomerPicker';
import { AgentSelect } from './form/AgentSelect';
import './service.css';

export interface NewTicketModalProps {
  open: boolean;
  onClose: () => void;
  /** The customer the ticket is for, fixed (the 360 page, the desk); otherwise picked here. */
  customer?: { id: string; name: string } | null;
  /** Called with the new ticket instead of opening it. */
  onCreated?: (ticket: Ticket) => void;
}

interface Values {
  customerId?: string;
  contactId?: string | null;
  channel: TicketChannel;
  category?: string | null;
  priority: Priority;
  subject: string;
  description?: string;
  assignee?: string | null;
}

/** Opens a ticket: the core sets its SLA, applies the workflow rules and routes it to an agent. */
export function NewTicketModal({ open, onClose, customer, onCreated }: NewTicketModalProps) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const supervises = useSupervisesTickets();
  const [form] = Form.useForm<Values>();
  const pickedId = Form.useWatch('customerId', form);
  const customerId = customer?.id ?? pickedId;
  const routing = useTicketRouting();
  const agents = useAgents(open && supervises);
  const contacts = useQuery({
    queryKey: queryKeys.contacts(customerId ?? ''),
    queryFn: () => ipc.contactList(customerId ?? ''),
    enabled: open && Boolean(customerId),
  });

  const create = useMutation({
    mutationFn: (v: Values) => {
      const input: TicketInput = {
        customerId: customer?.id ?? v.customerId ?? '',
        contactId: v.contactId ?? null,
        channel: v.channel,
        category: v.category ?? null,
        priority: v.priority,
        subject: v.subject,
        description: v.description?.trim() ? v.description : null,
        assignee: supervises ? (v.assignee ?? null) : null,
      };
      return ipc.ticketCreate(input);
    },
    onSuccess: (ticket) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.tickets });
      void queryClient.invalidateQueries({ queryKey: queryKeys.customerTickets(ticket.customerId) });
      void message.success(t('service.form.created', { number: ticket.number }));
      form.resetFields();
      onClose();
      if (onCreated) onCreated(ticket);
      else void navigate(`/tickets/${ticket.id}`);
    },
  });

  const close = () => {
    create.reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      width={620}
      title={t('service.form.title')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('service.form.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'new-ticket-submit' }}
      destroyOnHidden
    >
      {create.isError && (
        <Alert type="error" showIcon className="save-modal-error" title={t('service.form.failed', { message: errorMessage(create.error) })} data-testid="new-ticket-error" />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        className="ticket-form"
        data-testid="new-ticket-form"
        initialValues={{ channel: 'phone', priority: 'normal' }}
        onFinish={(v) => create.mutate(v)}
      >
        <div className="form-grid-2">
          {customer ? (
            <Form.Item label={t('service.form.customer')}>
              <span className="ticket-form-fixed-customer" data-testid="new-ticket-fixed-customer">{customer.name}</span>
            </Form.Item>
          ) : (
            <Form.Item name="customerId" label={t('service.form.customer')} rules={[{ required: true, message: t('service.form.customerRequired') }]}>
              <CustomerPicker onChange={() => form.setFieldValue('contactId', null)} autoFocus testId="new-ticket-customer" />
            </Form.Item>
          )}
          <Form.Item name="contactId" label={t('service.form.contact')}>
            <Select
              allowClear
              disabled={!customerId || (contacts.data?.length ?? 0) === 0}
              loading={contacts.isFetching}
              placeholder={t('service.form.contactPlaceholder')}
              options={(contacts.data ?? []).map((c) => ({ value: c.id, label: c.title ? `${c.name}（${c.title}）` : c.name }))}
              data-testid="new-ticket-contact"
            />
          </Form.Item>
        </div>
        <div className="form-grid-2">
          <Form.Item name="channel" label={t('service.form.channel')}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={CHANNELS.map((c) => ({ value: c, label: t(`service.channel.${c}`) }))}
              data-testid="new-ticket-channel"
            />
          </Form.Item>
          <Form.Item name="priority" label={t('service.form.priority')}>
            <Radio.Group
              optionType="button"
              options={[...PRIORITIES].reverse().map((p) => ({ value: p, label: t(`service.priority.${p}`) }))}
              data-testid="new-ticket-priority"
            />
          </Form.Item>
        </div>
        <Form.Item name="subject" label={t('service.form.subject')} rules={[{ required: true, whitespace: true, message: t('service.form.subjectRequired') }]}>
          <Input maxLength={200} autoFocus={Boolean(customer)} placeholder={t('service.form.subjectPlaceholder')} data-testid="new-ticket-subject" />
        </Form.Item>
        <Form.Item name="description" label={t('service.form.description')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={20_000} placeholder={t('service.form.descriptionPlaceholder')} data-testid="new-ticket-description" />
        </Form.Item>
        <div className="form-grid-2">
          <Form.Item name="category" label={t('service.form.category')}>
            <Select
              allowClear
              loading={routing.isPending}
              placeholder={t('service.form.categoryPlaceholder')}
              options={(routing.data?.categories ?? []).map((c) => ({ value: c.key, label: categoryName([c], c.key, i18n.language) }))}
              data-testid="new-ticket-category"
            />
          </Form.Item>
          {supervises && (
            <Form.Item name="assignee" label={t('service.form.assignee')} extra={t('service.form.assigneeHint')}>
              <AgentSelect
                agents={agents.data ?? []}
                loading={agents.isPending}
                placeholder={t('service.form.assigneeRouting')}
                testId="new-ticket-assignee"
              />
            </Form.Item>
          )}
        </div>
      </Form>
    </Modal>
  );
}
