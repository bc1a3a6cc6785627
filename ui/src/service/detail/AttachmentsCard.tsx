import { useState } from 'react';
import { App, Button, Card, Empty, Input, Popconfirm, Space, Tooltip } from 'antd';
import { DeleteOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type TicketAttachment, type TicketDetail } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { formatDateTime } from '../../customers/display';

/** 482113 → "471 KB": enough to tell a photo from a video. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

interface Props {
  ticketId: string;
  attachments: TicketAttachment[];
  agentName: (login: string) => string;
}

/** Files on this computer linked to the ticket by their full path (the files stay where they are). */
export function AttachmentsCard({ ticketId, attachments, agentName }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [path, setPath] = useState('');
  const done = (text: string) => (detail: TicketDetail) => {
    queryClient.setQueryData(queryKeys.ticket(ticketId), detail);
    void message.success(text);
  };
  const add = useMutation({
    mutationFn: () => ipc.ticketAttach(ticketId, path.trim()),
    onSuccess: (detail) => {
      setPath('');
      done(t('service.attachments.added'))(detail);
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => ipc.ticketAttachmentRemove(ticketId, id),
    onSuccess: done(t('service.attachments.removed')),
    onError: (e) => void message.error(t('service.attachments.failed', { message: errorMessage(e) })),
  });

  return (
    <Card size="small" className="section-card ticket-attachments" title={t('service.attachments.title')} data-testid="ticket-attachments">
      {attachments.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('service.attachments.empty')} />}
      {attachments.map((a) => (
        <div key={a.id} className="ticket-attachment" data-testid="ticket-attachment">
          <PaperClipOutlined className="muted" />
          <div className="ticket-attachment-main">
            <Tooltip title={a.path}>
              <span className="ticket-attachment-name">{a.fileName}</span>
            </Tooltip>
            <span className="ticket-attachment-meta">
              {formatSize(a.size)} · {t('service.attachments.by', { by: agentName(a.addedBy), at: formatDateTime(a.addedAt) })}
            </span>
          </div>
          <Popconfirm
            title={t('service.attachments.removeConfirm')}
            okText={t('service.attachments.remove')}
            cancelText={t('common.cancel')}
            onConfirm={() => remove.mutate(a.id)}
          >
            <Button
              size="small"
              type="text"
              icon={<DeleteOutlined />}
              aria-label={t('service.attachments.remove')}
              loading={remove.isPending && remove.variables === a.id}
              data-testid="ticket-attachment-remove"
            />
          </Popconfirm>
        </div>
      ))}
      <Space.Compact className="ticket-attachment-add">
        <Input
          value={path}
          onChange={(e) => {
            setPath(e.target.value);
            add.reset();
          }}
          onPressEnter={() => path.trim() && add.mutate()}
          placeholder={t('service.attachments.pathPlaceholder')}
          status={add.isError ? 'error' : undefined}
          data-testid="ticket-attachment-path"
        />
        <Button icon={<PlusOutlined />} disabled={!path.trim()} loading={add.isPending} onClick={() => add.mutate()} data-testid="ticket-attachment-add">
          {t('service.attachments.add')}
        </Button>
      </Space.Compact>
      {add.isError && (
        <div className="error-text ticket-attachment-error" data-testid="ticket-attachment-error">
          {t('service.attachments.failed', { message: errorMessage(add.error) })}
        </div>
      )}
    </Card>
  );
}
