// What the report derives from the core's counts: met rates over the clocks that are decided
// (met or breached; running clocks are neither yet), shares for bars, the mean rating.
import type { SlaFigures } from '../../ipc/client';

/** Share of decided clocks that were met, 0..1; null when none is decided yet. */
export function metRate(met: number, breached: number): number | null {
  const decided = met + breached;
  return decided === 0 ? null : met / decided;
}

export function firstResponseRate(f: SlaFigures): number | null {
  return metRate(f.firstResponseMet, f.firstResponseBreached);
}

export function resolutionRate(f: SlaFigures): number | null {
  return metRate(f.resolutionMet, f.resolutionBreached);
}

/** 460 → 4.6; null when nobody rated. */
export function meanStars(f: SlaFigures): number | null {
  return f.meanRatingX100 === null ? null : f.meanRatingX100 / 100;
}

/** `part` of `whole` as a percentage for a bar's width (0 when there is nothing). */
export function percentOf(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
}

export function formatRate(rate: number | null, language: string): string | null {
  if (rate === null) return null;
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** Good at 90% and above, a warning below, bad under 70%: the colour of a met rate. */
export function rateTone(rate: number | null): 'good' | 'warn' | 'bad' | 'none' {
  if (rate === null) return 'none';
  return rate >= 0.9 ? 'good' : rate >= 0.7 ? 'warn' : 'bad';
}
