/**
 * @module
 * Month boundaries for CLV horizons, in days from the valuation date.
 */
import { ModelInputError } from '../errors.js';

/** The mean Gregorian month: 365.25 / 12 days. */
export const AVERAGE_MONTH_DAYS = 30.4375;

/**
 * How CLV months are measured.
 * - `average`: every month is 30.4375 days (365.25 / 12), the default.
 * - `fixed`: every month is `days` days (30 reproduces lifetimes' `customer_lifetime_value` with freq "D").
 * - `calendar`: calendar months from the valuation date `start` (YYYY-MM-DD, UTC); each boundary keeps the
 *   start's day of month, clamped to the month's length (Jan 31 -> Feb 29 -> Mar 31 in 2024).
 */
export type MonthSpec =
  | { readonly kind: 'average' }
  | { readonly kind: 'fixed'; readonly days: number }
  | { readonly kind: 'calendar'; readonly start: string };

const DAY_MS = 86_400_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/**
 * Cumulative days from the valuation date to the end of each month: entry 0 is 0 and entry k the end of month k.
 *
 * @throws {ModelInputError} when horizonMonths is not a positive integer, a fixed month is not a positive
 *   finite number of days, or the calendar start is not a valid YYYY-MM-DD date.
 * @example monthBoundaries({ kind: 'calendar', start: '2024-01-31' }, 2) // [0, 29, 60]
 */
export function monthBoundaries(spec: MonthSpec, horizonMonths: number): Float64Array {
  if (!Number.isInteger(horizonMonths) || horizonMonths < 1) {
    throw new ModelInputError(`monthBoundaries requires horizonMonths to be a whole number >= 1: got ${horizonMonths}`, {
      field: 'horizonMonths',
    });
  }
  const out = new Float64Array(horizonMonths + 1);
  if (spec.kind === 'average' || spec.kind === 'fixed') {
    const days = spec.kind === 'average' ? AVERAGE_MONTH_DAYS : spec.days;
    if (!Number.isFinite(days) || days <= 0) {
      throw new ModelInputError(`monthBoundaries requires a positive number of days per month: got ${days}`, { field: 'days' });
    }
    for (let k = 1; k <= horizonMonths; k++) out[k] = k * days;
    return out;
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(spec.start);
  const year = match ? Number(match[1]) : NaN;
  const month = match ? Number(match[2]) - 1 : NaN;
  const day = match ? Number(match[3]) : NaN;
  if (!match || month < 0 || month > 11 || day < 1 || day > daysInMonth(year, month)) {
    throw new ModelInputError(`monthBoundaries requires the calendar start as a valid YYYY-MM-DD date: got ${JSON.stringify(spec.start)}`, {
      field: 'start',
    });
  }
  const origin = Date.UTC(year, month, day);
  for (let k = 1; k <= horizonMonths; k++) {
    const y = year + Math.floor((month + k) / 12);
    const m = (month + k) % 12;
    out[k] = (Date.UTC(y, m, Math.min(day, daysInMonth(y, m))) - origin) / DAY_MS;
  }
  return out;
}

/** Describes the month spec in words, for the unit statement in CLV outputs. */
export function describeMonths(spec: MonthSpec): string {
  if (spec.kind === 'average') return `months of ${AVERAGE_MONTH_DAYS} days`;
  if (spec.kind === 'fixed') return `months of ${spec.days} days`;
  return `calendar months from ${spec.start}`;
}
