import { Alert, Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type Contact, type ContactInput } from '../../ipc/client';
import { textOrNull } from '../form/customerFormModel';

interface Values {
  name: string;
  title?: string;
  phones?: string;
  emails?: string;
}

/** Several phones or emails are typed one per line or separated by commas. */
function splitList(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[\n,;，；]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

interface Props {
  customerId: string;
  /** The contact to edit; a new contact when null. */
  contact: Contact | null;
  onClose: () => void;
}

export function ContactFormModal({ customerId, contact, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (values: Values) => {
      const input: ContactInput = {
        name: values.name.trim(),
        title: textOrNull(values.title),
        phones: splitList(values.phones),
        emails: splitList(values.emails),
      };
      return contact ? ipc.contactUpdate(contact.id, input) : ipc.contactCreate(customerId, input);
    },
    onSuccess: onClose,
  });
  return (
    <Modal
      open
      title={contact ? t('contacts.editTitle') : t('contacts.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {save.isError && <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="contact-form"
        initialValues={{
          name: contact?.name ?? '',
          title: contact?.title ?? '',
          phones: contact?.phones.join('\n') ?? '',
          emails: contact?.emails.join('\n') ?? '',
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t('field.name')} rules={[{ required: true, whitespace: true, message: t('contacts.nameRequired') }]}>
          <Input autoFocus data-testid="contact-name" />
        </Form.Item>
        <Form.Item name="title" label={t('field.title')}>
          <Input />
        </Form.Item>
        <Form.Item name="phones" label={t('field.phones')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder={t('form.phonePlaceholder')} />
        </Form.Item>
        <Form.Item name="emails" label={t('field.emails')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder={t('form.emailPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
