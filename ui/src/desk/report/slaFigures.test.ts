import { describe, expect, test } from 'vitest';
import { formatRate, metRate, percentOf, rateTone } from './slaFigures';

describe('the report figures', () => {
  test('met rates count only decided clocks', () => {
    expect(metRate(9, 1)).toBe(0.9);
    expect(metRate(0, 0)).toBeNull();
    expect(formatRate(0.75, 'zh-CN')).toBe('75%');
    expect(formatRate(2 / 3, 'en')).toBe('66.7%');
    expect(formatRate(null, 'en')).toBeNull();
  });

  test('tones and bar widths', () => {
    expect([rateTone(0.95), rateTone(0.8), rateTone(0.5), rateTone(null)]).toEqual(['good', 'warn', 'bad', 'none']);
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(1, 0)).toBe(0);
  });
});
