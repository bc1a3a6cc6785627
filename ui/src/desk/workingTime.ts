// Working time as people say it: SLA times and the report's means are minutes of the working
// calendar, shown in hours and minutes ("2 小时 30 分", "2 h 30 min"), never in days (a working
// day is not 24 hours). The words are the ticket screens' own.
import type { TFunction } from 'i18next';

export function formatWorkingMinutes(t: TFunction, minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return t('common.none');
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return t('service.duration.minutes', { m });
  if (m === 0) return t('service.duration.hours', { h });
  return t('service.duration.hoursMinutes', { h, m });
}
