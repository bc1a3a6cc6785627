// How the closed choices of a customer look wherever they appear (list, 360 page, palette).
import { Tag } from 'antd';
import { BankOutlined, FlagOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import type { Kind, Lifecycle } from '../ipc/client';

export const KINDS: Kind[] = ['individual', 'enterprise', 'government'];
export const LIFECYCLES: Lifecycle[] = ['potential', 'existing', 'vip'];
export const SIZES = ['large', 'medium', 'small'] as const;

const LIFECYCLE_COLORS: Record<Lifecycle, string> = { potential: 'default', existing: 'green', vip: 'gold' };
const KIND_ICONS: Record<Kind, ReactNode> = {
  individual: <UserOutlined />,
  enterprise: <BankOutlined />,
  government: <FlagOutlined />,
};

export function KindLabel({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  return (
    <span className="kind-label">
      {KIND_ICONS[kind]} {t(`kind.${kind}`)}
    </span>
  );
}

export function KindTag({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  return (
    <Tag icon={KIND_ICONS[kind]} color="blue" variant="outlined">
      {t(`kind.${kind}`)}
    </Tag>
  );
}

export function LifecycleTag({ lifecycle }: { lifecycle: Lifecycle }) {
  const { t } = useTranslation();
  return (
    <Tag color={LIFECYCLE_COLORS[lifecycle]} variant="filled">
      {t(`lifecycle.${lifecycle}`)}
    </Tag>
  );
}

/** Timestamps from the core are RFC 3339 in UTC; people read them in their own time zone. */
export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '';
}
