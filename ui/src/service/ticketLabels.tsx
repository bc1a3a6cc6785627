// The closed choices of a ticket (statuses, priorities, channels) and the admin-defined
// categories, with the words and colours every ticket screen uses, the desk's included.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { GlobalOutlined, MailOutlined, PhoneOutlined, ShopOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { ipc, type Priority, type TicketCategory, type TicketChannel, type TicketStatus } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';

export const TICKET_STATUSES: TicketStatus[] = ['new', 'assigned', 'in_progress', 'waiting', 'resolved', 'closed'];
export const OPEN_STATUSES: TicketStatus[] = ['new', 'assigned', 'in_progress', 'waiting'];
/** Most urgent first, as people read them in a picker. */
export const PRIORITIES: Priority[] = ['urgent', 'high', 'normal', 'low'];
export const CHANNELS: TicketChannel[] = ['phone', 'email', 'walk_in', 'web'];

export function isOpenStatus(status: TicketStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

const CHANNEL_ICONS: Record<TicketChannel, ReactNode> = {
  phone: <PhoneOutlined />,
  email: <MailOutlined />,
  walk_in: <ShopOutlined />,
  web: <GlobalOutlined />,
};

/** Where a ticket came in, with its icon. */
export function ChannelLabel({ channel }: { channel: TicketChannel }) {
  const { t } = useTranslation();
  return (
    <span className="ticket-channel" data-testid="ticket-channel">
      {CHANNEL_ICONS[channel]} {t(`service.channel.${channel}`)}
    </span>
  );
}

/** The routing settings, which also hold the ticket categories (read by every signed-in user). */
export function useTicketRouting() {
  return useQuery({ queryKey: queryKeys.ticketRouting, queryFn: () => ipc.ticketRoutingGet(), staleTime: 60_000 });
}

export function categoryName(categories: TicketCategory[], key: string, language: string): string {
  const c = categories.find((x) => x.key === key);
  if (!c) return key;
  return (language === 'en' ? c.labelEn || c.labelZh : c.labelZh || c.labelEn) || key;
}

/** A function naming a category key in the current language (the key itself until loaded). */
export function useCategoryName(): (key: string | null) => string | null {
  const { i18n } = useTranslation();
  const routing = useTicketRouting();
  const categories = routing.data?.categories ?? [];
  return (key) => (key ? categoryName(categories, key, i18n.language) : null);
}

/** The category as text, or a muted dash. */
export function CategoryLabel({ category }: { category: string | null }) {
  const { t } = useTranslation();
  const name = useCategoryName();
  return category ? <span className="ticket-category">{name(category)}</span> : <span className="muted">{t('service.detail.noCategory')}</span>;
}
