/**
 * Active customers per day over a range of dates, under the configured activity rule (docs/lifecycle.md,
 * "Active customers over time"), from one pass over the events rather than one classification per day.
 *
 * Each customer's days of activity are intervals of days: an activity event on day e makes its customer
 * active on days [e, e + window), and (with `activity.whileSubscribed`) each subscription payment keeps
 * it active while it is the latest payment and not run out, as classify.ts reads a subscription. The
 * intervals are merged per customer in SQL (a running maximum of the ends finds where a new island
 * starts), and the merged islands become +1 at their start and -1 at their end; the running sum of
 * those deltas over the days is the number active on each day. The day count therefore equals the number
 * of customers `classifyCustomers` marks active as of that day (tested on the hand-built histories and
 * the demo business). For weeks and months the same pass also gives the islands in periods, so the number
 * active at any time in each period comes from the same deltas.
 *
 * Days are whole days after `from` (0 is `from`), so both engines hand over the same small integers.
 */
import { endOfDay } from '../analytics/time-unit.js';
import type { TenureConfig } from '../config/config-schema.js';
import type { Dialect } from '../store/sql-dialect.js';
import type { SqlValue, Store } from '../store/store.js';
import { hasAnonymousEvents, linksSql } from '../analytics/resolved-events.js';
import { field, Params, subscriptionPeriodDaysSql } from './customer-facts.js';
import { dayAfter, dayNumber, periodKey, type Grain } from './periods.js';

export { grains, parseGrain, type Grain } from './periods.js';

export interface ActivePeriod {
  /** The period's first and last day within the range (YYYY-MM-DD); a day's are the same. */
  from: string;
  to: string;
  /** Active on the period's last day (within the range). */
  active: number;
  /** Active on at least one day of the period (within the range); a day's is `active`. */
  activeAnyTime: number;
  /** The mean of the daily counts over the period's days, and the largest of them. */
  averageDaily: number;
  peak: number;
}

export interface ActiveOverTime {
  from: string;
  to: string;
  grain: Grain;
  window: number;
  whileSubscribed: boolean;
  periods: ActivePeriod[];
}

const dayMs = 86_400_000;

/** The SQL of the sweep: `(day, active)` rows for each day on which the count changes. */
export function activeOverTimeSql(options: { from: string; to: string; grain: Grain; config: TenureConfig; dialect: Dialect; anonymous: boolean }): { sql: string; params: SqlValue[] } {
  const { config, dialect } = options;
  const days = dayNumber(options.to) - dayNumber(options.from) + 1;
  const params = new Params();
  const end = params.add(endOfDay(options.to)); // $1: the links read it, as in resolved-events.ts
  const from = `CAST(${params.add(options.from)} AS DATE)`;
  const n = params.add(days);
  const window = params.add(config.activity.window);
  // Events older than the window before `from` end their activity before it.
  const earliest = params.add(new Date(Date.parse(`${options.from}T00:00:00Z`) - (config.activity.window - 1) * dayMs));
  const kinds = config.activity.kinds.map((kind) => params.add(kind)).join(', ');
  const day = `CAST(CAST(occurred_at AS DATE) - ${from} AS INTEGER)`;
  const activity = `kind IN (${kinds}) AND NOT coalesce(kind = 'contact' AND ${field('direction')} = 'outbound', FALSE)
      AND occurred_at >= ${earliest} AND occurred_at < ${end}`;

  const ctes: string[] = [];
  const intervals: string[] = [`SELECT customer_id AS id, FALSE AS anon, ${day} AS s, ${day} + ${window} AS e FROM events WHERE customer_id IS NOT NULL AND ${activity}`];
  if (options.anonymous) {
    // An anonymous event belongs to its prospect until the day its anonymous id is first linked to a
    // customer, and to that customer from then on (resolved-events.ts, as of each day).
    ctes.push(linksSql(dialect, { end, linkedDay: day }));
    ctes.push(`anonymous_activity AS (
      SELECT events.anonymous_id, l.customer_id, l.linked, ${day} AS d
      FROM events LEFT JOIN links l ON l.anonymous_id = events.anonymous_id
      WHERE events.customer_id IS NULL AND events.anonymous_id IS NOT NULL AND ${activity})`);
    intervals.push(`SELECT anonymous_id, TRUE, d, CASE WHEN linked IS NULL THEN d + ${window} ELSE least(d + ${window}, linked) END FROM anonymous_activity`);
    intervals.push(`SELECT customer_id, FALSE, greatest(d, linked), d + ${window} FROM anonymous_activity WHERE customer_id IS NOT NULL`);
  }
  if (config.activity.whileSubscribed) {
    ctes.push(...subscriptionCtes(options, params, day, end));
    intervals.push('SELECT id, FALSE, s, e FROM subscription_intervals');
  }
  ctes.push(`intervals AS (${intervals.join('\n      UNION ALL ')})`);
  ctes.push(`clipped AS (
      SELECT id, anon, greatest(s, 0) AS s, least(e, ${n}) AS e FROM intervals WHERE s < e AND s < ${n} AND e > 0)`);
  // One sorted pass per customer: an interval starts an island when it begins after every earlier one of
  // its customer has ended (touching ones merge), and ends one when the next begins after the island's
  // furthest end: +1 on the island's first day, -1 on the day after its last, summed per day.
  ctes.push(`marked AS (
      SELECT s, max(e) OVER (w ROWS UNBOUNDED PRECEDING) AS reach,
        max(e) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before,
        lead(s) OVER w AS next
      FROM clipped
      WINDOW w AS (PARTITION BY id, anon ORDER BY s, e))`);
  const deltas = [
    `SELECT 0 AS g, s AS k, 1 AS delta FROM marked WHERE before IS NULL OR before < s`,
    `SELECT 0, reach, -1 FROM marked WHERE (next IS NULL OR next > reach) AND reach < ${n}`,
  ];
  if (options.grain === 'week' || options.grain === 'month') {
    // Active at any time in a period: the same islands with days replaced by their periods. The period of
    // a day only grows with the day, so the running maximum of the ends gives the periods' one too.
    const period = periodSql(options.grain, options.from, from, params);
    deltas.push(`SELECT 1, ${period('s')}, 1 FROM marked WHERE before IS NULL OR ${period('s')} > ${period('before - 1')}`);
    deltas.push(`SELECT 1, ${period('reach - 1')} + 1, -1 FROM marked WHERE next IS NULL OR ${period('next')} > ${period('reach - 1')}`);
  }
  const sql = `WITH ${ctes.join(',\n    ')},
    deltas AS (${deltas.join('\n      UNION ALL ')})
    SELECT g, k, CAST(sum(delta) AS INTEGER) AS delta FROM deltas GROUP BY g, k ORDER BY g, k`;
  return { sql, params: params.values };
}

/**
 * The index of the period holding day `day` (days after `from`), counted from the period holding `from`:
 * weeks start on Monday, months on their first day.
 */
function periodSql(grain: 'week' | 'month', fromText: string, from: string, params: Params): (day: string) => string {
  if (grain === 'week') {
    const monday = params.add((new Date(`${fromText}T00:00:00Z`).getUTCDay() + 6) % 7);
    return (day) => `CAST(floor((${day} + ${monday}) / 7.0) AS INTEGER)`;
  }
  const base = Number(fromText.slice(0, 4)) * 12 + Number(fromText.slice(5, 7));
  return (day) => `(CAST(extract(year FROM ${from} + ${day}) AS INTEGER) * 12 + CAST(extract(month FROM ${from} + ${day}) AS INTEGER) - ${base})`;
}

/**
 * The days each subscription keeps its customer active, as classify.ts reads a subscription on any one
 * day: only the latest payment of the kind counts (on the same day, the one with the shortest period), and
 * a cancellation counts from its day when it is on or after that payment. Payment i on day p for P days,
 * followed by payment i + 1 on day `next`, with `c` the first cancellation from p on (before `next`):
 * - not cancelled: active on [p, p + P + graceDays);
 * - cancelled, access to the period's end: [p, p + P) once cancelled, so [p, max(p + P, min(p + P + grace, c)));
 * - cancelled, access ends at once: [p, min(p + P + grace, c));
 * each cut short at `next`. Subscription events carrying only an anonymous id are left out.
 */
function subscriptionCtes(options: { config: TenureConfig; dialect: Dialect }, params: Params, day: string, end: string): string[] {
  const { config } = options;
  const grace = params.add(config.subscriptions.graceDays);
  const periodDays = subscriptionPeriodDaysSql(options.dialect);
  const ends = `p + period + ${grace}`;
  const cancelledEnd = config.subscriptions.accessAfterCancel === 'period_end' ? `greatest(p + period, least(${ends}, c))` : `least(${ends}, c)`;
  return [
    `subscription_events AS (
      SELECT customer_id AS id, coalesce(${field('kind')}, 'service') AS sub_kind, ${day} AS d,
        CASE WHEN kind = 'subscription_cancelled' THEN NULL ELSE greatest(1, ${periodDays}) END AS period
      FROM events
      WHERE kind IN ('subscription_started', 'subscription_renewed', 'subscription_cancelled') AND customer_id IS NOT NULL AND occurred_at < ${end})`,
    // Each payment opens a group holding the cancellations up to the next payment (on the payment's own day too).
    `subscription_grouped AS (
      SELECT id, sub_kind, d, period,
        sum(CASE WHEN period IS NULL THEN 0 ELSE 1 END) OVER (PARTITION BY id, sub_kind ORDER BY d, period IS NULL, period DESC ROWS UNBOUNDED PRECEDING) AS payment
      FROM subscription_events)`,
    `subscription_payments AS (
      SELECT id, sub_kind, payment, min(d) FILTER (WHERE period IS NOT NULL) AS p, max(period) AS period, min(d) FILTER (WHERE period IS NULL) AS c
      FROM subscription_grouped WHERE payment > 0 GROUP BY id, sub_kind, payment)`,
    `subscription_intervals AS (
      SELECT id, p AS s, least(CASE WHEN c IS NULL THEN ${ends} ELSE ${cancelledEnd} END, coalesce(next_p, ${ends})) AS e
      FROM (SELECT *, lead(p) OVER (PARTITION BY id, sub_kind ORDER BY payment) AS next_p FROM subscription_payments) payments)`,
  ];
}

/** Active customers per day (or week or month) from `from` to `to`, both included. */
export async function activeOverTime(store: Store, options: { from: string; to: string; grain: Grain; config: TenureConfig }): Promise<ActiveOverTime> {
  endOfDay(options.from);
  endOfDay(options.to);
  if (options.to < options.from) throw new Error(`--to ${options.to} is before --from ${options.from}`);
  const query = activeOverTimeSql({ ...options, dialect: store.dialect, anonymous: await hasAnonymousEvents(store) });
  const changes = await store.query<{ g: number; k: number; delta: number }>(query.sql, query.params);
  const days = dayNumber(options.to) - dayNumber(options.from) + 1;
  const periods = periodsOf(options.from, sweep(changes, 0, days), options.grain);
  if (options.grain !== 'day') sweep(changes, 1, periods.length).forEach((n, i) => ((periods[i] as ActivePeriod).activeAnyTime = n));
  else for (const p of periods) p.activeAnyTime = p.active;
  return {
    from: options.from,
    to: options.to,
    grain: options.grain,
    window: options.config.activity.window,
    whileSubscribed: options.config.activity.whileSubscribed,
    periods,
  };
}

/** The running sum of one series' deltas (`g`) over keys 0 .. length - 1. */
function sweep(changes: readonly { g: number; k: number; delta: number }[], g: number, length: number): number[] {
  const out = new Array<number>(length).fill(0);
  for (const c of changes) if (Number(c.g) === g && Number(c.k) < length) out[Number(c.k)] = (out[Number(c.k)] ?? 0) + Number(c.delta);
  for (let i = 1; i < length; i++) out[i] = (out[i] ?? 0) + (out[i - 1] ?? 0);
  return out;
}

/** Groups the daily counts (day 0 is `from`) into periods, each clipped to the range. */
export function periodsOf(from: string, daily: readonly number[], grain: Grain): ActivePeriod[] {
  const periods: ActivePeriod[] = [];
  let key: string | null = null;
  let sum = 0;
  let count = 0;
  for (let d = 0; d < daily.length; d++) {
    const date = dayAfter(from, d);
    const value = daily[d] ?? 0;
    const k = periodKey(date, grain);
    const last = periods[periods.length - 1];
    if (k !== key || !last) {
      key = k;
      sum = 0;
      count = 0;
      periods.push({ from: date, to: date, active: value, activeAnyTime: value, averageDaily: value, peak: value });
    }
    const period = periods[periods.length - 1] as ActivePeriod;
    sum += value;
    count += 1;
    period.to = date;
    period.active = value;
    period.averageDaily = sum / count;
    period.peak = Math.max(period.peak, value);
  }
  return periods;
}
