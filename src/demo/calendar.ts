/**
 * Time in the demo: milliseconds since the epoch (UTC) internally, `Date` only on the events it yields.
 */
import type { Random } from './random/random.js';
import { weightedChoice } from './random/weighted-choice.js';
import { civilFromDays } from '../domain/civil-date.js';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

/** The demo's history: events fall in [start, end), both at midnight UTC. */
export interface DemoWindow {
  start: number;
  end: number;
}

/**
 * The window that ends with the whole UTC day of `end` and starts `years` before: for 2026-09-30 and 2 years,
 * [2024-10-01, 2026-10-01). Whole years move by calendar; fractions of a year count 365.25 days each.
 */
export function demoWindow(end: Date, years: number): DemoWindow {
  const year = end.getUTCFullYear();
  const month = end.getUTCMonth();
  const day = end.getUTCDate();
  const stop = Date.UTC(year, month, day + 1);
  const start = Number.isInteger(years) ? Date.UTC(year - years, month, day + 1) : stop - Math.round(years * 365.25) * DAY;
  return { start, end: stop };
}

/** `YYYY-MM-DD` of a UTC instant, in integer arithmetic (no `Date` on this hot path). */
export function isoDate(at: number): string {
  const { year, month, dayOfMonth: day } = civilFromDays(Math.floor(at / DAY));
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

export { addInterval } from '../domain/billing-interval.js';

// People shop at lunch and in the evening, rarely at 4 in the morning (local time).
const hourWeights = [
  0.5, 0.3, 0.15, 0.1, 0.1, 0.2, 0.5, 1, 1.5, 2, 2.2, 2.4, 2.8, 2.6, 2.3, 2.2, 2.3, 2.5, 2.8, 3.2, 3.4, 3.1, 2.2, 1.2,
];
const pickHour = weightedChoice(
  hourWeights.map((_, hour) => hour),
  hourWeights,
);

/** A time on the same local day as `at` (for a place `utcOffset` hours from UTC), at a typical hour for shopping. */
export function onLocalDay(random: Random, at: number, utcOffset: number): number {
  const offset = utcOffset * HOUR;
  const localDayStart = Math.floor((at + offset) / DAY) * DAY;
  return localDayStart - offset + pickHour(random) * HOUR + Math.floor(random.next() * HOUR);
}

/** Local weekday of `at`, 0 = Sunday. 1 January 1970 was a Thursday. */
function localWeekday(localDay: number): number {
  return (((localDay + 4) % 7) + 7) % 7;
}

/** Support desk hours, local time: Monday to Friday, 08:00 to 20:00. */
const opensAt = 8;
const closesAt = 20;

/** Minutes from `at` until the support desk (in the customer's time zone) is open; 0 when it is open. */
export function minutesUntilOpen(at: number, utcOffset: number): number {
  const local = at + utcOffset * HOUR;
  let day = Math.floor(local / DAY);
  const hour = (local - day * DAY) / HOUR;
  const weekday = localWeekday(day);
  const workday = weekday >= 1 && weekday <= 5;
  if (workday && hour >= opensAt && hour < closesAt) return 0;
  if (!(workday && hour < opensAt)) {
    day += 1;
    while (localWeekday(day) === 0 || localWeekday(day) === 6) day += 1;
  }
  return (day * DAY + opensAt * HOUR - local) / MINUTE;
}
