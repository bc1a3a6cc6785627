// Numbers for the hand-drawn charts: a round top for an axis, and percentages in the language.
import type { Language } from '../../ipc/client';

/** The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `value`, so gridlines fall on round amounts. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= value) ?? 10;
  return step * magnitude;
}

/** 0.625 → 62.5% (zh-CN and en alike). */
export function formatPercent(ratio: number, language: Language): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

/** The share of `part` in `whole` as a CSS width, never thinner than `min` percent when non-zero. */
export function share(part: number, whole: number, min = 0): number {
  if (whole <= 0 || part <= 0) return 0;
  return Math.max(min, Math.min(100, (part / whole) * 100));
}
