/**
 * Billing intervals: how long a subscription payment lasts, and what it is worth per month.
 */
import { civilFromDays, daysFromCivil, daysInMonth } from './civil-date.js';
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
 * in integer arithmetic (civil-date.ts, no `Date`): it runs for every period of every subscription.
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

/**
 * What one payment for `count` intervals is worth per month: ChartMogul's normalisation, a year is twelve
 * months, a quarter three, a week 52/12 of a month and a day 365/12.
 */
export function monthlyFactor(interval: BillingInterval, count: number): number {
  const perMonth = interval === 'year' ? 1 / 12 : interval === 'quarter' ? 1 / 3 : interval === 'month' ? 1 : interval === 'week' ? 52 / 12 : 365 / 12;
  return perMonth / count;
}
