// How a ticket's priority looks wherever it appears: urgent loud, low quiet.
import { Tag } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, ThunderboltFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import type { Priority } from '../ipc/client';

export const PRIORITY_COLORS: Record<Priority, string> = { urgent: 'red', high: 'orange', normal: 'blue', low: 'default' };

const ICONS: Record<Priority, ReactNode> = {
  urgent: <ThunderboltFilled />,
  high: <ArrowUpOutlined />,
  normal: null,
  low: <ArrowDownOutlined />,
};

export function PriorityTag({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={PRIORITY_COLORS[priority]}
      icon={ICONS[priority]}
      variant={priority === 'urgent' ? 'solid' : 'outlined'}
      className="ticket-tag"
      data-testid="ticket-priority"
    >
      {t(`service.priority.${priority}`)}
    </Tag>
  );
}
