/**
 * The SQL of each lifecycle stage's own measures over time (stage-measures.ts): four grouped queries, each
 * written once for DuckDB and PostgreSQL, each grouping by period with the period worked out from the
 * event's day. Identity is resolved as of the end of the range (customer-facts.ts's timeline: resolved
 * events plus the prospects never linked, under their anonymous id).
 *
 * Every query returns rows of one shape, `(g, p, key, n, a, b, c)`: which figure (`g`), the period's index
 * (`p`, 0 is the period holding `from`), a text key (a channel, a platform, a step) and up to four numbers,
 * all doubles, whose meaning depends on `g` (the comment at each branch says it). stage-measures.ts turns
 * them into the periods' figures.
 *
 * Days are `d`, whole days before `to` (as the timeline gives them): `last - d` is the day's index from
 * `from`, negative before the range.
 */
import { resolvedEventsSql } from '../analytics/resolved-events.js';
import { endOfDay } from '../analytics/time-unit.js';
import type { TenureConfig } from '../config/config-schema.js';
import { byText, double, type Dialect } from '../store/sql-dialect.js';
import type { SqlValue } from '../store/store.js';
import type { Grain } from './active-over-time.js';
import { field, Params, timelineSql } from './customer-facts.js';

export type MeasureRow = {
  g: string;
  p: number;
  key: string | null;
  n: number;
  a: number | null;
  b: number | null;
  c: number | null;
};

export interface MeasuresSqlOptions {
  from: string;
  to: string;
  grain: Grain;
  config: TenureConfig;
  dialect: Dialect;
  /** Whether the store has anonymous events (see `hasAnonymousEvents`). */
  anonymous: boolean;
}

export interface MeasuresQuery {
  sql: string;
  params: SqlValue[];
}

/** The funnel's steps, in order. */
export const funnelSteps = ['product_viewed', 'product_added_to_cart', 'checkout_started', 'order_completed'] as const;
/** The kinds that make a lead. */
export const leadKinds = ['lead_captured', 'signed_up'] as const;

const dayMs = 86_400_000;

/** What every query starts with: the resolved events, the timeline, and the period of a day. */
class Query {
  readonly params = new Params();
  readonly dialect: Dialect;
  /** The index of the range's last day: `last - d` is a day's index. */
  readonly last: string;
  readonly timeline: string;
  private readonly options: MeasuresSqlOptions;

  constructor(options: MeasuresSqlOptions) {
    this.options = options;
    this.dialect = options.dialect;
    this.params.add(endOfDay(options.to)); // $1, as resolvedEventsSql expects
    this.timeline = timelineSql({ asOf: options.to, anonymous: options.anonymous }, this.params);
    this.last = this.int((Date.parse(`${options.to}T00:00:00Z`) - Date.parse(`${options.from}T00:00:00Z`)) / dayMs);
  }

  int(value: number): string {
    return `CAST(${this.params.add(value)} AS INTEGER)`;
  }

  /** The CTEs every query starts with (the links and resolved events that the timeline reads). */
  resolved(): string {
    return resolvedEventsSql('TRUE', { anonymous: this.options.anonymous, dialect: this.dialect });
  }

  /**
   * The period index of the day `d` days before `to`: the day's own index, its Monday-to-Sunday week's or
   * its calendar month's, counted from the period holding `from` (as active-over-time.ts counts them).
   */
  period(d: string): string {
    const { grain, from, to } = this.options;
    if (grain === 'day') return `(${this.last} - ${d})`;
    if (grain === 'week') {
      const monday = this.int((new Date(`${from}T00:00:00Z`).getUTCDay() + 6) % 7);
      return `CAST(floor((${this.last} - ${d} + ${monday}) / 7.0) AS INTEGER)`;
    }
    const base = this.int(Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)));
    const date = `(CAST(${this.params.add(to)} AS DATE) - ${d})`;
    return `(CAST(extract(year FROM ${date}) AS INTEGER) * 12 + CAST(extract(month FROM ${date}) AS INTEGER) - ${base})`;
  }

  double(expr: string): string {
    return double(this.dialect, expr);
  }
}

/**
 * The aggregate taking `value` from the row with the smallest `order`; ties go to the smallest value, so
 * both engines pick the same one. `value` must not be NULL (DuckDB's arg_min would skip the row).
 */
function firstOf(dialect: Dialect, value: string, order: string, filter: string | null, text: boolean): string {
  const where = filter === null ? '' : ` FILTER (WHERE ${filter})`;
  if (dialect === 'postgres') return `(array_agg(${value} ORDER BY ${order}, ${text ? byText(dialect, value) : value})${where})[1]`;
  return `arg_min(${value}, (${order}, ${value}))${where}`;
}

/**
 * The median of `x` per period from compact counts: the rows holding the 0-based ranks floor and ceil of
 * (n - 1) / 2 of each period's sorted values. Each row: n the period's count, a the value, b the rank of
 * its first copy, c its copies. The mean of the two is percentile_cont(0.5), done in TypeScript so both
 * engines give the same double.
 */
function medianRows(q: Query, name: string, source: string): { ctes: string[]; select: string } {
  const cte = `median_${name}`;
  return {
    ctes: [
      `${cte} AS (
      SELECT p, x, c, sum(c) OVER (PARTITION BY p ORDER BY x ROWS UNBOUNDED PRECEDING) - c AS first_rank, sum(c) OVER (PARTITION BY p) AS n
      FROM (SELECT p, x, count(*) AS c FROM (${source}) s GROUP BY p, x) counted)`,
    ],
    select: `SELECT '${name}' AS g, p, CAST(NULL AS TEXT) AS key, ${q.double('n')} AS n, ${q.double('x')} AS a, ${q.double('first_rank')} AS b, ${q.double('c')} AS c
      FROM ${cte}
      WHERE first_rank <= ceil((n - 1) / 2.0) AND first_rank + c > floor((n - 1) / 2.0)`,
  };
}

/**
 * Per person (customer or unlinked prospect) as of the end of the range: when first seen and from which
 * channel and platform, the first lead, the first purchase (order or subscription), the first order and its
 * value; then, per period: new prospects by channel and by platform with how many placed a first order in
 * the same period and by the end of the range; leads and how many became customers; first orders by
 * channel and platform with their value; the medians of the days from lead to purchase and of first order
 * values.
 */
export function peopleMeasuresSql(options: MeasuresSqlOptions): MeasuresQuery {
  const q = new Query(options);
  const { dialect } = q;
  const order = `kind = 'order_completed'`;
  const touchChannel = `coalesce(channel, ${field('channel')})`;
  const channel = `coalesce(CASE WHEN kind = 'marketing_touch' THEN ${touchChannel} ELSE channel END, '')`;
  const leads = leadKinds.map((k) => `'${k}'`).join(', ');
  const people = `people AS MATERIALIZED (
      SELECT customer_id AS id, anonymous AS anon, max(d) AS seen_d,
        coalesce(nullif(${firstOf(dialect, channel, 'occurred_at', null, true)}, ''),
          ${firstOf(dialect, touchChannel, 'occurred_at', `kind = 'marketing_touch' AND ${touchChannel} IS NOT NULL`, true)}, 'unknown') AS channel,
        coalesce(${firstOf(dialect, 'platform', 'occurred_at', 'platform IS NOT NULL', true)}, 'unknown') AS platform,
        max(d) FILTER (WHERE kind IN (${leads})) AS lead_d,
        max(d) FILTER (WHERE kind IN ('order_completed', 'subscription_started')) AS purchase_d,
        max(d) FILTER (WHERE ${order}) AS order_d,
        ${firstOf(dialect, 'coalesce(amount, -1)', 'occurred_at', order, false)} AS order_value
      FROM (${q.timeline}) timeline
      GROUP BY customer_id, anonymous)`;
  const seenP = q.period('seen_d');
  const orderP = q.period('order_d');
  const leadP = q.period('lead_d');
  const purchaseP = q.period('purchase_d');
  const inRange = (d: string) => `${d} <= ${q.last}`;
  const value = 'CASE WHEN order_value >= 0 THEN order_value END';
  const leadDays = medianRows(q, 'lead_days', `SELECT ${purchaseP} AS p, lead_d - purchase_d AS x FROM people WHERE ${inRange('purchase_d')} AND lead_d >= purchase_d`);
  const orderValue = medianRows(q, 'first_order_value', `SELECT ${orderP} AS p, ${value} AS x FROM people WHERE ${inRange('order_d')} AND order_value >= 0`);
  const byKey = (key: 'channel' | 'platform') => [
    // n new prospects first seen in p; a of them with a first order in p; b with one by the end of the range.
    `SELECT 'seen_${key}' AS g, ${seenP} AS p, ${key} AS key, ${q.double('count(*)')} AS n,
        ${q.double(`count(*) FILTER (WHERE order_d IS NOT NULL AND ${orderP} = ${seenP})`)} AS a, ${q.double('count(order_d)')} AS b, ${q.double('0')} AS c
      FROM people WHERE ${inRange('seen_d')} GROUP BY 2, 3`,
    // n first orders in p; a their summed value; b how many had a value.
    `SELECT 'first_order_${key}', ${orderP}, ${key}, ${q.double('count(*)')}, ${q.double(`coalesce(sum(${value}), 0)`)}, ${q.double(`count(${value})`)}, ${q.double('0')}
      FROM people WHERE ${inRange('order_d')} GROUP BY 2, 3`,
  ];
  const selects = [
    ...byKey('channel'),
    ...byKey('platform'),
    // n people whose first lead is in p; a of them with a purchase by the end of the range.
    `SELECT 'leads', ${leadP}, CAST(NULL AS TEXT), ${q.double('count(*)')}, ${q.double('count(purchase_d)')}, ${q.double('0')}, ${q.double('0')}
      FROM people WHERE ${inRange('lead_d')} GROUP BY 2`,
    leadDays.select,
    orderValue.select,
  ];
  const sql = `WITH ${q.resolved()},
    ${people},
    ${[...leadDays.ctes, ...orderValue.ctes].join(',\n    ')}
    ${selects.join('\n    UNION ALL ')}`;
  return { sql, params: q.params.values };
}

/**
 * Per period, from the events of the range (orders from the whole history, to find each customer's first):
 * customers ordering, their orders, first orders, repeat customers; CSAT; NPS; reviews; referrals; and the
 * advocates with the predicted CLV of the fit each period reads (`fitCase`: SQL giving the fit id of
 * period `p`, or NULL).
 */
export function periodMeasuresSql(options: MeasuresSqlOptions, fits: readonly { from: number; to: number; fitId: number }[]): MeasuresQuery {
  const q = new Query(options);
  const { advocacy } = options.config.stages;
  const num = (key: string) => q.double(field(key));
  const events = `events_in AS MATERIALIZED (
      SELECT customer_id AS id, anonymous AS anon, kind, CASE WHEN d > ${q.last} THEN -1 ELSE ${q.period('d')} END AS p,
        CASE WHEN kind = 'survey_answered' THEN CAST(${num('csat')} AS INTEGER) END AS csat,
        CASE WHEN kind = 'survey_answered' THEN CAST(${num('nps')} AS INTEGER) END AS nps,
        CASE WHEN kind = 'review_submitted' THEN ${num('rating')} END AS rating
      FROM (${q.timeline}) timeline
      WHERE kind = 'order_completed' OR (kind IN ('survey_answered', 'review_submitted', 'referral_made') AND d <= ${q.last}))`;
  const fitCase = fits.length === 0
    ? 'CAST(NULL AS INTEGER)'
    : `CASE ${fits.map((f) => `WHEN adv.p BETWEEN ${q.int(f.from)} AND ${q.int(f.to)} THEN ${q.int(f.fitId)}`).join(' ')} END`;
  const minRating = q.params.add(advocacy.minReviewRating);
  const minNps = q.int(advocacy.minNps);
  const zero = q.double('0');
  const ctes = [
    events,
    `orders_by_period AS (SELECT id, anon, p, count(*) AS n FROM events_in WHERE kind = 'order_completed' GROUP BY id, anon, p)`,
    // Each customer's first period with an order: a grouped minimum joined back, cheaper than a window.
    `orders_first AS (SELECT id, anon, min(p) AS first_p FROM orders_by_period GROUP BY id, anon)`,
    `orders_marked AS (SELECT o.p, o.n, f.first_p FROM orders_by_period o JOIN orders_first f ON f.id = o.id AND f.anon = o.anon)`,
    `advocates AS (SELECT DISTINCT id, anon, p FROM events_in
      WHERE p >= 0 AND (kind = 'referral_made' OR rating >= ${minRating} OR nps >= ${minNps}))`,
  ];
  const d = (expr: string) => q.double(expr);
  const selects = [
    // n customers ordering; a their orders; b first orders; c repeat customers (an order in p that is not their first).
    `SELECT 'orders' AS g, p, CAST(NULL AS TEXT) AS key, ${d('count(*)')} AS n, ${d('sum(n)')} AS a,
        ${d('count(*) FILTER (WHERE p = first_p)')} AS b, ${d('count(*) FILTER (WHERE n > CASE WHEN p = first_p THEN 1 ELSE 0 END)')} AS c
      FROM orders_marked WHERE p >= 0 GROUP BY p`,
    // n CSAT answers; a their sum; b answers of 4 or 5.
    `SELECT 'csat', p, NULL, ${d('count(*)')}, ${d('sum(csat)')}, ${d('count(*) FILTER (WHERE csat >= 4)')}, ${zero}
      FROM events_in WHERE p >= 0 AND csat IS NOT NULL GROUP BY p`,
    // n NPS answers; a promoters (9, 10); b detractors (0 to 6).
    `SELECT 'nps', p, NULL, ${d('count(*)')}, ${d('count(*) FILTER (WHERE nps >= 9)')}, ${d('count(*) FILTER (WHERE nps <= 6)')}, ${zero}
      FROM events_in WHERE p >= 0 AND nps IS NOT NULL GROUP BY p`,
    // n reviews with a rating; a the sum of ratings.
    `SELECT 'reviews', p, NULL, ${d('count(*)')}, ${d('sum(rating)')}, ${zero}, ${zero}
      FROM events_in WHERE p >= 0 AND rating IS NOT NULL GROUP BY p`,
    `SELECT 'referrals', p, NULL, ${d('count(*)')}, ${zero}, ${zero}, ${zero}
      FROM events_in WHERE p >= 0 AND kind = 'referral_made' GROUP BY p`,
    // n advocates; a of them scored by the period's fit; b the sum of their predicted CLV.
    `SELECT 'advocates', adv.p, NULL, ${d('count(*)')}, ${d('count(s.clv)')}, ${d('coalesce(sum(s.clv), 0)')}, ${zero}
      FROM advocates adv LEFT JOIN customer_scores s ON s.customer_id = adv.id AND NOT adv.anon AND s.fit_id = ${fitCase}
      GROUP BY adv.p`,
  ];
  const sql = `WITH ${q.resolved()},
    ${ctes.join(',\n    ')}
    ${selects.join('\n    UNION ALL ')}`;
  return { sql, params: q.params.values };
}

/**
 * The checkout funnel per period: for each person and period, the first product view in the period, then
 * the first add to cart at or after it, the first checkout started at or after that, the first order at or
 * after that. A step is reached only after the previous one (a skipped step ends the path). Rows: key the
 * step's number (1 to 4), n the people who reached it.
 */
export function funnelSql(options: MeasuresSqlOptions): MeasuresQuery {
  const q = new Query(options);
  const kinds = funnelSteps.map((k, i) => `WHEN '${k}' THEN ${i + 1}`).join(' ');
  const ctes = [
    `funnel_events AS MATERIALIZED (
      SELECT customer_id AS id, anonymous AS anon, ${q.period('d')} AS p, CASE kind ${kinds} END AS step, occurred_at AS t
      FROM (${q.timeline}) timeline
      WHERE kind IN (${funnelSteps.map((k) => `'${k}'`).join(', ')}) AND d <= ${q.last})`,
    `step1 AS (SELECT id, anon, p, min(t) AS t FROM funnel_events WHERE step = 1 GROUP BY id, anon, p)`,
  ];
  for (const step of [2, 3, 4]) {
    ctes.push(`step${step} AS (
      SELECT s.id, s.anon, s.p, min(e.t) AS t FROM step${step - 1} s
      JOIN funnel_events e ON e.id = s.id AND e.anon = s.anon AND e.p = s.p AND e.step = ${step} AND e.t >= s.t
      GROUP BY s.id, s.anon, s.p)`);
  }
  const selects = [1, 2, 3, 4].map(
    (step) => `SELECT 'funnel' AS g, p, '${step}' AS key, ${q.double('count(*)')} AS n, ${q.double('0')} AS a, ${q.double('0')} AS b, ${q.double('0')} AS c FROM step${step} GROUP BY p`,
  );
  const sql = `WITH ${q.resolved()},
    ${ctes.join(',\n    ')}
    ${selects.join('\n    UNION ALL ')}`;
  return { sql, params: q.params.values };
}

/**
 * Lapses, by day: an activity event on day a (of `activity.kinds`, inbound contacts only) keeps its
 * customer from lapsing through day a + lapsedAfterDays - 1; the customer lapses on day a + lapsedAfterDays
 * when no activity comes before it (as classify.ts: lapsed after that many days without activity). Rows
 * by day index `p` (from -1, the day before `from`): key 'start' with n the customers who stop being
 * lapsed-or-unknown that day (their first activity after a lapse, or ever), key 'lapse' with n the
 * customers lapsing that day. Their running difference is the number not lapsed on each day. Only the
 * activity from lapsedAfterDays + 1 days before `from` on is read: earlier activity has lapsed by then.
 */
export function lapsesSql(options: MeasuresSqlOptions): MeasuresQuery {
  const q = new Query(options);
  const { config } = options;
  const lapse = q.int(config.status.lapsedAfterDays);
  const kinds = config.activity.kinds.map((kind) => q.params.add(kind)).join(', ');
  const day = `(${q.last} - d)`;
  // Two activities on one day need no DISTINCT: the gap between them is 0, so neither starts nor ends anything.
  const ctes = [
    `activity AS (
      SELECT customer_id AS id, anonymous AS anon, ${day} AS k
      FROM (${q.timeline}) timeline
      WHERE kind IN (${kinds}) AND NOT coalesce(kind = 'contact' AND ${field('direction')} = 'outbound', FALSE)
        AND ${day} >= -1 - ${lapse})`,
    `marked AS (
      SELECT k, lag(k) OVER w AS previous, lead(k) OVER w AS next FROM activity
      WINDOW w AS (PARTITION BY id, anon ORDER BY k))`,
  ];
  const selects = [
    `SELECT 'churn' AS g, greatest(k, -1) AS p, 'start' AS key, ${q.double('count(*)')} AS n, ${q.double('0')} AS a, ${q.double('0')} AS b, ${q.double('0')} AS c
      FROM marked WHERE previous IS NULL OR k - previous > ${lapse} GROUP BY 2`,
    `SELECT 'churn', k + ${lapse}, 'lapse', ${q.double('count(*)')}, ${q.double('0')}, ${q.double('0')}, ${q.double('0')}
      FROM marked WHERE (next IS NULL OR next - k > ${lapse}) AND k + ${lapse} <= ${q.last} GROUP BY 2`,
  ];
  const sql = `WITH ${q.resolved()},
    ${ctes.join(',\n    ')}
    ${selects.join('\n    UNION ALL ')}`;
  return { sql, params: q.params.values };
}
