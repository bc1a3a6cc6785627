// The working calendar as the settings panel edits it. Periods stay in the calendar's one list
// (the core keeps them so); the panel shows them by weekday, each by its index in that list.
import type { WorkCalendar, WorkPeriod } from '../../ipc/client';

/** 1 = Monday … 7 = Sunday, as the core numbers them. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export interface IndexedPeriod extends WorkPeriod {
  index: number;
}

/** The day's periods in time order. */
export function periodsOf(calendar: WorkCalendar, weekday: number): IndexedPeriod[] {
  return calendar.hours
    .map((p, index) => ({ ...p, index }))
    .filter((p) => p.weekday === weekday)
    .sort((a, b) => a.start.localeCompare(b.start) || a.index - b.index);
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};
export const timeText = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * Another period for the day: 09:00–18:00 on a day off, else the two hours after the day's last
 * period (an evening shift is the usual addition), cut at midnight.
 */
export function addPeriod(calendar: WorkCalendar, weekday: number): WorkCalendar {
  const day = periodsOf(calendar, weekday);
  const last = day.at(-1);
  const start = last ? Math.min(minutesOf(last.end) + 60, Math.max(minutesOf(last.end), 23 * 60)) : 9 * 60;
  const end = last ? Math.min(start + 120, 24 * 60) : 18 * 60;
  return { ...calendar, hours: [...calendar.hours, { weekday, start: timeText(start), end: timeText(end) }] };
}

export function updatePeriod(calendar: WorkCalendar, index: number, change: Partial<WorkPeriod>): WorkCalendar {
  return { ...calendar, hours: calendar.hours.map((p, i) => (i === index ? { ...p, ...change } : p)) };
}

export function removePeriod(calendar: WorkCalendar, index: number): WorkCalendar {
  return { ...calendar, hours: calendar.hours.filter((_, i) => i !== index) };
}

/** Gives `targets` the same periods as `from` (e.g. Monday's hours to the rest of the week). */
export function copyDay(calendar: WorkCalendar, from: number, targets: number[]): WorkCalendar {
  const source = periodsOf(calendar, from);
  const kept = calendar.hours.filter((p) => !targets.includes(p.weekday));
  const copies = targets.flatMap((weekday) => source.map(({ start, end }) => ({ weekday, start, end })));
  return { ...calendar, hours: [...kept, ...copies] };
}

/** The list with `date` in it once, in date order. */
export function addDate(dates: string[], date: string): string[] {
  return [...new Set([...dates, date])].sort();
}

export function removeDate(dates: string[], date: string): string[] {
  return dates.filter((d) => d !== date);
}

/** Working minutes of a day's periods, for the week's total. */
export function periodMinutes(periods: WorkPeriod[]): number {
  return periods.reduce((sum, p) => sum + Math.max(0, minutesOf(p.end) - minutesOf(p.start)), 0);
}

/** The times a period may start or end at: every quarter hour, midnight to midnight. */
export const QUARTER_HOURS: string[] = Array.from({ length: 97 }, (_, i) => timeText(i * 15));

/** 480 → "UTC+08:00", -210 → "UTC-03:30". */
export function offsetLabel(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  return `UTC${sign}${timeText(Math.abs(minutes))}`;
}

/** Every offset the core accepts (UTC-12:00 to UTC+14:00) in quarter hours. */
export const OFFSETS: number[] = Array.from({ length: (840 + 720) / 15 + 1 }, (_, i) => -720 + i * 15);
