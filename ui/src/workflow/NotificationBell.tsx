import { useState } from 'react';
import { Badge, Button, Popover } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ipc, type Notification } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';
import { useNotifications } from './queries';
import { recordPath } from './recordLinks';
import { NotificationList } from './notifications/NotificationList';
import './notifications/notifications.css';

/** The bell in the header: how many notifications are unread, and the latest ones on a click. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const notifications = useNotifications();
  const unread = notifications.data?.unread ?? 0;

  const markRead = useMutation({
    mutationFn: (ids: string[]) => ipc.notificationMarkRead(ids),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.notifications }),
  });

  const openOne = (n: Notification) => {
    if (!n.readAt) markRead.mutate([n.id]);
    const path = n.record ? recordPath(n.record.kind, n.record.id) : null;
    if (path) {
      setOpen(false);
      void navigate(path);
    }
  };

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      arrow={false}
      styles={{ container: { padding: 0 } }}
      content={
        <NotificationList
          query={notifications}
          onOpen={openOne}
          onMarkAllRead={() => markRead.mutate([])}
          marking={markRead.isPending}
        />
      }
    >
      <Button
        type="text"
        className="notification-bell"
        aria-label={t('workflow.notifications.bell', { count: unread })}
        title={t('workflow.notifications.title')}
        data-testid="notification-bell"
      >
        <Badge count={unread} size="small" overflowCount={99} data-testid="notification-unread">
          <BellOutlined className="notification-bell-icon" />
        </Badge>
      </Button>
    </Popover>
  );
}
