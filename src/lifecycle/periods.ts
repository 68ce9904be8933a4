/**
 * The periods of a report over a range of days: each day, each week (Monday to Sunday) or each calendar
 * month, the first and last cut to the range. Shared by the reports over time (active-over-time.ts,
 * stage-flows.ts), so a week or a month means the same in all of them.
 */
import { dayBefore } from './classify.js';

export const grains = ['day', 'week', 'month'] as const;
export type Grain = (typeof grains)[number];

export function parseGrain(value: string): Grain {
  if ((grains as readonly string[]).includes(value)) return value as Grain;
  throw new Error(`--grain ${JSON.stringify(value)} is not a grain (allowed: ${grains.join(', ')})`);
}

const dayMs = 86_400_000;

/** The date `days` days after `date` (YYYY-MM-DD). */
export const dayAfter = (date: string, days: number): string => dayBefore(date, -days);

/** Days since 1970-01-01 of a date (YYYY-MM-DD). */
export const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / dayMs;

/** The key of a day's period: itself, its ISO week's Monday, or its month's first day. */
export function periodKey(date: string, grain: Grain): string {
  if (grain === 'day') return date;
  if (grain === 'month') return `${date.slice(0, 8)}01`;
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  return dayBefore(date, weekday);
}

export interface PeriodSpan {
  /** The period's first and last day within the range (YYYY-MM-DD). */
  from: string;
  to: string;
  /** The same as day numbers after the range's first day (0 is `from`). */
  first: number;
  last: number;
}

/** The periods of the range from `from` to `to` (both included), in order. */
export function periodSpans(from: string, to: string, grain: Grain): PeriodSpan[] {
  const spans: PeriodSpan[] = [];
  const days = dayNumber(to) - dayNumber(from) + 1;
  let key: string | null = null;
  for (let d = 0; d < days; d++) {
    const date = dayAfter(from, d);
    const k = periodKey(date, grain);
    const last = spans[spans.length - 1];
    if (k !== key || !last) {
      key = k;
      spans.push({ from: date, to: date, first: d, last: d });
    } else {
      last.to = date;
      last.last = d;
    }
  }
  return spans;
}

/**
 * Checks a range given on the command line: both dates valid (YYYY-MM-DD) and `to` not before `from`.
 * Throws one clear line otherwise.
 */
export function checkRange(from: string, to: string): void {
  for (const [flag, value] of [['--from', from], ['--to', to]] as const) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
      throw new Error(`${flag} ${JSON.stringify(value)} is not a date (expected YYYY-MM-DD)`);
    }
  }
  if (to < from) throw new Error(`--to ${to} is before --from ${from}`);
}

/** Which period a day (days since 1970-01-01) falls in: -1 before the range, the period's index, or the number of periods after it. */
export class PeriodIndex {
  readonly first: number;
  readonly lastDays: number[];
  readonly #byDay: Int32Array;

  constructor(from: string, spans: readonly { first: number; last: number }[]) {
    this.first = dayNumber(from);
    this.lastDays = spans.map((s) => this.first + s.last);
    const days = (spans.at(-1)?.last ?? -1) + 1;
    this.#byDay = new Int32Array(days);
    spans.forEach((span, i) => this.#byDay.fill(i, span.first, span.last + 1));
  }

  of(day: number): number {
    const offset = day - this.first;
    if (offset < 0) return -1;
    return offset < this.#byDay.length ? (this.#byDay[offset] ?? -1) : this.lastDays.length;
  }
}
