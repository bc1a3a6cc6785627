import { useState } from 'react';
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Ticket, TicketAction } from '../../ipc/client';

interface Props {
  ticket: Ticket;
  action: TicketAction;
  saving: boolean;
  onConfirm: (note: string | null) => void;
  onClose: () => void;
}

/** Confirms a status change with an optional note that goes into the ticket's history. */
export function ActionNoteModal({ ticket, action, saving, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const confirm = () => onConfirm(note.trim() || null);
  return (
    <Modal
      open
      title={t('service.note.title', { action: t(`service.action.${action}`), number: ticket.number })}
      onCancel={onClose}
      onOk={confirm}
      okText={t(`service.action.${action}`)}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'action-note-ok' }}
    >
      <Form layout="vertical" data-testid="action-note-form">
        <Form.Item label={t('service.note.label')}>
          <Input.TextArea
            autoFocus
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={10_000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) confirm();
            }}
            placeholder={t('service.note.placeholder')}
            data-testid="action-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
