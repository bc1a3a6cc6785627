import { describe, expect, test } from 'vitest';
import type { WorkCalendar } from '../../ipc/client';
import { addDate, addPeriod, copyDay, offsetLabel, OFFSETS, periodMinutes, periodsOf, removeDate, QUARTER_HOURS } from './calendarModel';

const CAL: WorkCalendar = {
  utcOffsetMinutes: 480,
  hours: [
    { weekday: 1, start: '13:00', end: '18:00' },
    { weekday: 1, start: '09:00', end: '12:00' },
    { weekday: 2, start: '09:00', end: '18:00' },
  ],
  holidays: [],
  extraWorkdays: [],
};

describe('the calendar model', () => {
  test("a day's periods in time order, each with its place in the list", () => {
    expect(periodsOf(CAL, 1).map((p) => [p.start, p.index])).toEqual([['09:00', 1], ['13:00', 0]]);
    expect(periodsOf(CAL, 7)).toEqual([]);
  });

  test('a new period: office hours on a day off, else after the last one', () => {
    expect(addPeriod(CAL, 6).hours.at(-1)).toEqual({ weekday: 6, start: '09:00', end: '18:00' });
    expect(addPeriod(CAL, 1).hours.at(-1)).toEqual({ weekday: 1, start: '19:00', end: '21:00' });
    const late = { ...CAL, hours: [{ weekday: 3, start: '20:00', end: '23:30' }] };
    expect(addPeriod(late, 3).hours.at(-1)).toEqual({ weekday: 3, start: '23:30', end: '24:00' });
  });

  test("Monday's periods copied over other days replace theirs", () => {
    const copied = copyDay(CAL, 1, [2, 3]);
    expect(periodsOf(copied, 2).map((p) => `${p.start}-${p.end}`)).toEqual(['09:00-12:00', '13:00-18:00']);
    expect(periodsOf(copied, 3)).toHaveLength(2);
    expect(periodMinutes(copied.hours)).toBe(8 * 60 * 3);
  });

  test('dates stay unique and in order', () => {
    expect(addDate(['2026-10-03', '2026-10-01'], '2026-10-02')).toEqual(['2026-10-01', '2026-10-02', '2026-10-03']);
    expect(addDate(['2026-10-01'], '2026-10-01')).toEqual(['2026-10-01']);
    expect(removeDate(['2026-10-01', '2026-10-02'], '2026-10-01')).toEqual(['2026-10-02']);
  });

  test('times and offsets', () => {
    expect(QUARTER_HOURS[0]).toBe('00:00');
    expect(QUARTER_HOURS.at(-1)).toBe('24:00');
    expect(offsetLabel(480)).toBe('UTC+08:00');
    expect(offsetLabel(-210)).toBe('UTC-03:30');
    expect(OFFSETS[0]).toBe(-720);
    expect(OFFSETS.at(-1)).toBe(840);
    expect(OFFSETS).toContain(345);
  });
});
