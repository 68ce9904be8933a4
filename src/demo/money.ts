/**
 * Money in the demo: integer cents everywhere, turned into decimal strings only when an event is built,
 * so that an order's amount equals its line items minus its discount exactly.
 */
import { DAY } from './calendar.js';

export type Currency = 'USD' | 'EUR' | 'GBP';

/** The demo's reporting currency; events in it carry no `rate`. */
export const reportingCurrency: Currency = 'USD';

/** 1234 -> "12.34", 5 -> "0.05", -250 -> "-2.50". */
export function centsToDecimal(cents: number): string {
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const fraction = abs - whole * 100;
  return `${cents < 0 ? '-' : ''}${whole}.${fraction < 10 ? '0' : ''}${fraction}`;
}

/** "12.34" -> 1234; for tests and checks, exact for two decimals. */
export function decimalToCents(text: string): number {
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  const cents = Number(whole) * 100 + Number((fraction + '00').slice(0, 2));
  return text.startsWith('-') ? -cents : cents;
}

/** Typical value of one unit of each currency in USD, used to price the catalogue in local currency. */
const typicalRate: Record<Currency, number> = { USD: 1, EUR: 1.12, GBP: 1.29 };

/**
 * A local shelf price for a USD price: converted, then rounded to end in 9 (29.79, not 29.76),
 * as shops price by hand rather than by the day's rate.
 */
export function localPrice(usdCents: number, currency: Currency): number {
  if (currency === 'USD') return usdCents;
  return Math.max(9, Math.round(usdCents / typicalRate[currency] / 10) * 10 - 1);
}

/** A local cost for a USD cost: converted at the typical rate, to the cent. */
export function localCost(usdCents: number, currency: Currency): number {
  return currency === 'USD' ? usdCents : Math.round(usdCents / typicalRate[currency]);
}

const rateCache = new Map<number, string>();

/**
 * The exchange rate from `currency` to USD on the day of `at`, as a 4-decimal string ("1.1043").
 *
 * A smooth made-up curve (a slow and a fast wave around the typical rate), the same for every seed,
 * as real rates are the same for every business; it moves enough that converting at the wrong day shows.
 */
export function rateToReporting(currency: Currency, at: number): string | null {
  if (currency === 'USD') return null;
  const day = Math.floor(at / DAY);
  const key = day * 2 + (currency === 'EUR' ? 0 : 1);
  let rate = rateCache.get(key);
  if (rate === undefined) {
    const slow = currency === 'EUR' ? Math.sin((2 * Math.PI * day) / 410 + 1) : Math.sin((2 * Math.PI * day) / 380 + 2);
    const fast = currency === 'EUR' ? Math.sin((2 * Math.PI * day) / 37) : Math.sin((2 * Math.PI * day) / 53);
    rate = (typicalRate[currency] * (1 + 0.035 * slow + 0.01 * fast)).toFixed(4);
    rateCache.set(key, rate);
  }
  return rate;
}

/** Cents in `currency` converted to USD cents at a rate string (rounded to the cent). */
export function toReportingCents(cents: number, rate: string | null): number {
  return rate === null ? cents : Math.round(cents * Number(rate));
}
