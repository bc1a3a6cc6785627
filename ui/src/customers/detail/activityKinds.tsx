import type { ReactNode } from 'react';
import { CalendarOutlined, CarOutlined, EditOutlined, MailOutlined, PhoneOutlined } from '@ant-design/icons';
import type { ActivityKind } from '../../ipc/client';

export const ACTIVITY_KINDS: ActivityKind[] = ['call', 'email', 'meeting', 'visit', 'note'];

export const ACTIVITY_ICONS: Record<ActivityKind, ReactNode> = {
  call: <PhoneOutlined />,
  email: <MailOutlined />,
  meeting: <CalendarOutlined />,
  visit: <CarOutlined />,
  note: <EditOutlined />,
};

export const ACTIVITY_COLORS: Record<ActivityKind, string> = {
  call: '#1f6feb',
  email: '#13a8a8',
  meeting: '#722ed1',
  visit: '#d46b08',
  note: '#8c8c8c',
};
