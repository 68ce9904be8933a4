/**
 * Billing intervals: how long a subscription payment lasts, and what it is worth per month.
 */
import type { billingIntervals } from './event-kinds.js';

export type BillingInterval = (typeof billingIntervals)[number];

const DAY = 86_400_000;

/**
 * `anchor` (milliseconds since the epoch) moved by `count` billing intervals, keeping the time of day.
 * Months clamp to the month's last day, always counted from the anchor: a subscription started on
 * 31 January renews on 28 (or 29) February and on 31 March.
 */
export function addInterval(anchor: number, interval: BillingInterval, count: number): number {
  if (interval === 'day') return anchor + count * DAY;
  if (interval === 'week') return anchor + count * 7 * DAY;
  const months = count * (interval === 'month' ? 1 : interval === 'quarter' ? 3 : 12);
  const date = new Date(anchor);
  const timeOfDay = anchor - Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const target = date.getUTCMonth() + months;
  const year = date.getUTCFullYear() + Math.floor(target / 12);
  const month = ((target % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)) + timeOfDay;
}

/**
 * A day number (days since 1970-01-01, UTC) moved by `count` intervals, as `addInterval` moves an instant,
 * in integer arithmetic (Howard Hinnant's civil-date algorithms, no `Date`): it runs for every period of
 * every subscription.
 */
export function addIntervalToDay(day: number, interval: BillingInterval, count: number): number {
  return intervalSchedule(day, interval, 1)(count);
}

/**
 * The schedule of periods from `anchor` (a day number): `n` to the day `n` periods of `count` intervals
 * after it, each counted from the anchor. The anchor's date is worked out once, for the many periods of a
 * subscription.
 */
export function intervalSchedule(anchor: number, interval: BillingInterval, count: number): (n: number) => number {
  if (interval === 'day') return (n) => anchor + n * count;
  if (interval === 'week') return (n) => anchor + 7 * n * count;
  const months = count * (interval === 'month' ? 1 : interval === 'quarter' ? 3 : 12);
  const { year, month, dayOfMonth } = civilFromDays(anchor);
  return (n) => {
    const target = month - 1 + n * months;
    const targetYear = year + Math.floor(target / 12);
    const targetMonth = (((target % 12) + 12) % 12) + 1;
    return daysFromCivil(targetYear, targetMonth, Math.min(dayOfMonth, daysInMonth(targetYear, targetMonth)));
  };
}

function civilFromDays(days: number): { year: number; month: number; dayOfMonth: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth };
}

function daysFromCivil(year: number, month: number, dayOfMonth: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + dayOfMonth - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * What one payment for `count` intervals is worth per month: ChartMogul's normalisation, a year is twelve
 * months, a quarter three, a week 52/12 of a month and a day 365/12.
 */
export function monthlyFactor(interval: BillingInterval, count: number): number {
  const perMonth = interval === 'year' ? 1 / 12 : interval === 'quarter' ? 1 / 3 : interval === 'month' ? 1 : interval === 'week' ? 52 / 12 : 365 / 12;
  return perMonth / count;
}
