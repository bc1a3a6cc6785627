import type { ReactNode } from 'react';
import { Alert, Button, Empty, Spin } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { BellOutlined, ClockCircleOutlined, ThunderboltOutlined, UserAddOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useTranslation } from 'react-i18next';
import { errorMessage, type Notification, type NotificationList as List } from '../../ipc/client';
import { formatDateTime } from '../../customers/display';

dayjs.extend(relativeTime);

const KINDS: Record<string, { icon: ReactNode; className: string }> = {
  reminder: { icon: <ClockCircleOutlined />, className: 'notification-icon-reminder' },
  assignment: { icon: <UserAddOutlined />, className: 'notification-icon-assignment' },
  rule: { icon: <ThunderboltOutlined />, className: 'notification-icon-rule' },
};
const OTHER = { icon: <BellOutlined />, className: '' };

interface Props {
  query: UseQueryResult<List>;
  onOpen: (notification: Notification) => void;
  onMarkAllRead: () => void;
  marking: boolean;
}

/** The latest notifications, unread in bold; a click opens the record it is about. */
export function NotificationList({ query, onOpen, onMarkAllRead, marking }: Props) {
  const { t } = useTranslation();
  const items = query.data?.items ?? [];
  const unread = query.data?.unread ?? 0;

  return (
    <div className="notification-panel" data-testid="notification-panel">
      <div className="notification-panel-head">
        <span className="notification-panel-title">{t('workflow.notifications.title')}</span>
        <Button type="link" size="small" disabled={unread === 0} loading={marking} onClick={onMarkAllRead} data-testid="notification-mark-all">
          {t('workflow.notifications.markAllRead')}
        </Button>
      </div>
      {query.isPending && <Spin className="notification-spin" />}
      {query.isError && <Alert type="error" showIcon title={t('workflow.notifications.failed', { message: errorMessage(query.error) })} />}
      {query.isSuccess && items.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workflow.notifications.empty')} />
      )}
      <div className="notification-items">
        {items.map((n) => {
          const kind = KINDS[n.kind] ?? OTHER;
          const known = (['reminder', 'assignment', 'rule'] as const).find((k) => k === n.kind);
          return (
            <button
              type="button"
              key={n.id}
              className={`notification-item${n.readAt ? '' : ' notification-unread'}`}
              onClick={() => onOpen(n)}
              data-testid="notification-item"
              data-unread={n.readAt ? 'false' : 'true'}
            >
              <span className={`notification-icon ${kind.className}`} title={known ? t(`workflow.notifications.kinds.${known}`) : n.kind}>
                {kind.icon}
              </span>
              <span className="notification-text">
                <span className="notification-title">{n.title}</span>
                {n.body && <span className="notification-body">{n.body}</span>}
                <span className="notification-time" title={formatDateTime(n.at)}>
                  {dayjs(n.at).fromNow()}
                </span>
              </span>
              {!n.readAt && <span className="notification-dot" />}
            </button>
          );
        })}
      </div>
    </div>
  );
}
