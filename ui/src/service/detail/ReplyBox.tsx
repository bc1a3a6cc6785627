import { useState } from 'react';
import { Alert, App, Button, Input, Segmented } from 'antd';
import { CustomerServiceOutlined, LockOutlined, MessageOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type ReplyKind, type Ticket } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { isOpenStatus } from '../ticketLabels';

const PLACEHOLDERS = { reply: 'placeholderReply', customer_reply: 'placeholderCustomer', note: 'placeholderNote' } as const;

/** Writes to the ticket: an answer to the customer, the customer's answer taken down, or an internal note. */
export function ReplyBox({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  // The core takes only notes on a resolved or closed ticket; answers need it reopened.
  const open = isOpenStatus(ticket.status);
  const [chosen, setKind] = useState<ReplyKind>('reply');
  const kind: ReplyKind = open ? chosen : 'note';
  const [body, setBody] = useState('');
  const send = useMutation({
    mutationFn: () => ipc.ticketReply(ticket.id, kind, body),
    onSuccess: (detail) => {
      queryClient.setQueryData(queryKeys.ticket(ticket.id), detail);
      void queryClient.invalidateQueries({ queryKey: queryKeys.tickets });
      void queryClient.invalidateQueries({ queryKey: queryKeys.customerTickets(ticket.customerId) });
      setBody('');
      void message.success(t('service.reply.sent'));
    },
    onError: (e) => void message.error(t('service.reply.failed', { message: errorMessage(e) })),
  });
  const submit = () => {
    if (body.trim() && !send.isPending) send.mutate();
  };

  return (
    <div className={`ticket-reply ticket-reply-${kind}`} data-testid="ticket-reply">
      <Segmented<ReplyKind>
        value={kind}
        onChange={setKind}
        options={[
          { value: 'reply', label: t('service.timeline.reply'), icon: <CustomerServiceOutlined />, disabled: !open },
          { value: 'customer_reply', label: t('service.timeline.customer_reply'), icon: <MessageOutlined />, disabled: !open },
          { value: 'note', label: t('service.timeline.note'), icon: <LockOutlined /> },
        ]}
        data-testid="ticket-reply-kind"
      />
      {!open && <Alert type="info" showIcon className="ticket-reply-hint" title={t('service.reply.closedHint')} />}
      <Input.TextArea
        autoSize={{ minRows: 3, maxRows: 10 }}
        maxLength={10_000}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
        placeholder={t(`service.reply.${PLACEHOLDERS[kind]}`)}
        data-testid="ticket-reply-body"
      />
      <div className="ticket-reply-foot">
        <span className="muted">{t('service.reply.shortcut')}</span>
        <Button
          type="primary"
          icon={<SendOutlined />}
          disabled={!body.trim()}
          loading={send.isPending}
          onClick={submit}
          data-testid="ticket-reply-send"
        >
          {t(kind === 'note' ? 'service.reply.sendNote' : 'service.reply.send')}
        </Button>
      </div>
    </div>
  );
}
