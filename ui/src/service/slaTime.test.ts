import { describe, expect, test } from 'vitest';
import i18n from '../i18n';
import { formatDue, formatSpan } from './slaTime';

const MIN = 60_000;

describe('formatSpan', () => {
  test.each<[number, string]>([
    [20 * 1000, '1 分钟'],
    [40 * MIN, '40 分钟'],
    [-90 * MIN, '1 小时 30 分'],
    [3 * 60 * MIN, '3 小时'],
    [12 * 60 * MIN + 5 * MIN, '12 小时'],
    [(24 + 5) * 60 * MIN, '1 天 5 小时'],
    [5 * 24 * 60 * MIN + 60 * MIN, '5 天'],
  ])('%d ms reads %s', async (ms, text) => {
    await i18n.changeLanguage('zh-CN');
    expect(formatSpan(ms, i18n.t)).toBe(text);
  });

  test('in English', async () => {
    await i18n.changeLanguage('en');
    expect(formatSpan(100 * MIN, i18n.t)).toBe('1 h 40 min');
    expect(formatSpan(49 * 60 * MIN, i18n.t)).toBe('2 d 1 h');
  });
});

describe('formatDue', () => {
  test('today shows the time only, this year the day too', () => {
    const now = new Date(2026, 2, 2, 9, 0).getTime();
    expect(formatDue(new Date(2026, 2, 2, 14, 30).toISOString(), now)).toBe('14:30');
    expect(formatDue(new Date(2026, 2, 5, 8, 0).toISOString(), now)).toBe('03-05 08:00');
    expect(formatDue(new Date(2025, 11, 30, 8, 0).toISOString(), now)).toBe('2025-12-30 08:00');
  });
});
