// Amounts are integer minor units (分, cents) of a currency, as the core keeps them. Text becomes
// minor units by reading the digits, never through a float, so 0.1 + 0.2 cannot drift; minor
// units become text through Intl with an exact decimal string.
import type { Language } from '../ipc/client';

/** The largest amount the core accepts (10 trillion in major units). */
export const MAX_AMOUNT = 1_000_000_000_000_000;

/** The currencies offered in forms; any three-letter code the data already uses is kept too. */
export const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP'] as const;

/** `12,000.50`, `12000.5` or `7` → 1200050, 1200050, 700; null when it is not such an amount. */
export function parseAmount(text: string): number | null {
  const t = text.trim().replace(/[,，_\s]/g, '');
  const match = /^(\d+)(?:\.(\d{0,2}))?$/.exec(t);
  if (!match) return null;
  const [, whole, frac = ''] = match;
  // BigInt, so that a long run of digits is compared exactly before it becomes a Number.
  const minor = BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0'));
  return minor <= BigInt(MAX_AMOUNT) ? Number(minor) : null;
}

/** 1200050 → "12000.50": the exact decimal text of minor units (what an input starts from). */
export function amountText(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const m = Math.abs(minor);
  return `${sign}${Math.floor(m / 100)}.${String(m % 100).padStart(2, '0')}`;
}

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(language: Language, currency: string, compact: boolean): Intl.NumberFormat {
  const key = `${language}|${currency}|${compact}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language, {
      style: 'currency',
      currency,
      // ¥ rather than CN¥ for the home currency; other currencies keep a distinct symbol (US$, JP¥).
      currencyDisplay: currency === 'CNY' ? 'narrowSymbol' : 'symbol',
      ...(compact
        ? { notation: 'compact', maximumSignificantDigits: 3 }
        : // Minor units are hundredths in every currency the core keeps, JPY included.
          { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    });
    formats.set(key, format);
  }
  return format;
}

/** 1200050 CNY → ¥12,000.50 (zh-CN and en alike), in the grouping of the language. */
export function formatAmount(minor: number, currency: string, language: Language): string {
  return numberFormat(language, currency, false).format(amountText(minor) as `${number}`);
}

/** A short form for charts and totals: ¥120.5万 / ¥1.2M. */
export function formatCompactAmount(minor: number, currency: string, language: Language): string {
  return numberFormat(language, currency, true).format(amountText(minor) as `${number}`);
}

/** quantity × unit price summed, or null when the total would leave the range the core keeps. */
export function lineItemsTotal(items: { quantity: number; unitPrice: number }[]): number | null {
  let total = 0;
  for (const item of items) {
    total += item.quantity * item.unitPrice;
    if (!Number.isSafeInteger(total) || total > MAX_AMOUNT) return null;
  }
  return total;
}
