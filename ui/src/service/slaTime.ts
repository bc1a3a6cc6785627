// Time spans of the SLA clocks in the words people use ("3 小时 20 分", "2 d 5 h"): precise
// near the due time, coarse far from it.
import { useEffect, useState } from 'react';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';

/**
 * Whole minutes of a span until (positive) or since (negative) a due time: time left rounds up,
 * so "due in 30 seconds" reads as one minute; time overdue rounds down.
 */
export function formatSpan(ms: number, t: TFunction): string {
  const exact = Math.abs(ms) / 60_000;
  const minutes = Math.max(1, ms >= 0 ? Math.ceil(exact) : Math.floor(exact));
  if (minutes < 60) return t('service.duration.minutes', { m: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const m = minutes % 60;
    // Past ten hours the minutes are noise.
    return m && hours < 10 ? t('service.duration.hoursMinutes', { h: hours, m }) : t('service.duration.hours', { h: hours });
  }
  const days = Math.floor(hours / 24);
  const h = hours % 24;
  return h && days < 3 ? t('service.duration.daysHours', { d: days, h }) : t('service.duration.days', { d: days });
}

/** A due time, short when it is today ("14:30"), with the date otherwise. */
export function formatDue(at: string, now: number = Date.now()): string {
  const d = dayjs(at);
  if (d.isSame(now, 'day')) return d.format('HH:mm');
  if (d.isSame(now, 'year')) return d.format('MM-DD HH:mm');
  return d.format('YYYY-MM-DD HH:mm');
}

/** The current time, renewed every `everyMs` so clocks on screen count down by themselves. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
