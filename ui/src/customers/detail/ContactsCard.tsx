import { useState } from 'react';
import { App, Avatar, Button, Card, Empty, Popconfirm, Skeleton, Tooltip } from 'antd';
import { DeleteOutlined, EditOutlined, MailOutlined, PhoneOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type Contact } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { ContactFormModal } from './ContactFormModal';

/** The people to talk to at an enterprise or government customer. */
export function ContactsCard({ customerId, readOnly }: { customerId: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const contacts = useQuery({ queryKey: queryKeys.contacts(customerId), queryFn: () => ipc.contactList(customerId) });
  // undefined: no form; null: a new contact; a contact: editing it.
  const [editing, setEditing] = useState<Contact | null | undefined>(undefined);
  const remove = useMutation({
    mutationFn: (id: string) => ipc.contactDelete(id),
    onSuccess: () => void message.success(t('common.deleted')),
    onError: (e) => void message.error(t('common.failed', { message: errorMessage(e) })),
  });

  return (
    <Card
      size="small"
      className="section-card"
      title={`${t('contacts.title')}${contacts.data ? ` (${contacts.data.length})` : ''}`}
      data-testid="contacts-card"
      extra={
        !readOnly && (
          <Button size="small" type="link" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="add-contact">
            {t('contacts.add')}
          </Button>
        )
      }
    >
      {contacts.isPending && <Skeleton active paragraph={{ rows: 2 }} />}
      {contacts.isError && <div className="error-text">{errorMessage(contacts.error)}</div>}
      {contacts.data?.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contacts.empty')} />}
      {contacts.data?.map((c) => (
        <div className="contact-row" key={c.id} data-testid="contact-item">
          <Avatar size={32} className="contact-avatar">
            {c.name.slice(0, 1)}
          </Avatar>
          <div className="contact-main">
            <div className="contact-name">
              {c.name}
              {c.title && <span className="contact-title">{c.title}</span>}
            </div>
            <div className="contact-meta">
              {c.phones.map((p) => (
                <span key={p}>
                  <PhoneOutlined /> {p}
                </span>
              ))}
              {c.emails.map((e) => (
                <span key={e}>
                  <MailOutlined /> {e}
                </span>
              ))}
            </div>
          </div>
          {!readOnly && (
            <div className="contact-actions">
              <Tooltip title={t('common.edit')}>
                <Button type="text" size="small" icon={<EditOutlined />} onClick={() => setEditing(c)} />
              </Tooltip>
              <Popconfirm
                title={t('contacts.deleteConfirm', { name: c.name })}
                okText={t('common.delete')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => remove.mutate(c.id)}
              >
                <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
              </Popconfirm>
            </div>
          )}
        </div>
      ))}
      {editing !== undefined && (
        <ContactFormModal customerId={customerId} contact={editing} onClose={() => setEditing(undefined)} />
      )}
    </Card>
  );
}
