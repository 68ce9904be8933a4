/**
 * Per-customer facts as of a date, in one grouped scan over the resolved event log: what the lifecycle
 * rules (classify.ts) need and nothing they can work out themselves. Dates come back as whole days before
 * the as-of day (0: that day; a window of 30 days is days 0 to 29), so the rules do calendar arithmetic
 * without time zones, and both engines hand over the same small integers.
 *
 * Anonymous prospects whose anonymous id is not linked to a customer by the as-of date are included under
 * their anonymous id (`anonymous` true): they are most of the reach stage.
 *
 * Speed: the scan costs per aggregate, so the list is kept to what the rules read (a profile reads the
 * rest with customer-profile.ts). "Which was the latest" is answered with a packed integer rather than
 * arg_max: `min(days * 32 + kindCode)` is the latest event's day and kind at once. DuckDB's arg_max keeps a
 * value per group and was the slowest aggregate in the scan, and the packed form is the same plain
 * arithmetic on both engines, ties included (the same day: the lower code).
 */
import { hasAnonymousEvents, resolvedEventsSql } from '../analytics/resolved-events.js';
import { endOfDay } from '../analytics/time-unit.js';
import type { TenureConfig } from '../config/config-schema.js';
import { double, type Dialect } from '../store/sql-dialect.js';
import type { SqlValue, Store } from '../store/store.js';

/** One customer's facts. `*_days` are whole days before the as-of day; null when nothing happened. */
export interface CustomerFacts {
  customer_id: string;
  anonymous: boolean;
  events: number;
  /** Packed: `days * 32 + index in stages.acquisitionKinds` of the earliest direct contact or lead. */
  first_direct: number | null;
  /** Packed: `days * 32 + index in activity.kinds` of the latest activity. */
  last_activity: number | null;
  /** The last activity before the reactivation window and the first one inside it. */
  activity_before_recent_days: number | null;
  first_recent_activity_days: number | null;
  orders: number;
  /** Order revenue in the reporting currency (0 without orders). */
  revenue: number;
  full_price_orders: number;
  first_order_days: number | null;
  last_order_days: number | null;
  retention_orders: number;
  rfm_orders: number;
  rfm_revenue: number;
  /** Purchases (orders and subscription payments) within the loyal window, and the first of them. */
  loyalty_purchases: number;
  loyalty_first_purchase_days: number | null;
  /** Packed: `days * 8192 + period in days` of the latest subscription payment (start or renewal) of the kind. */
  product_paid: number | null;
  product_cancelled_days: number | null;
  service_paid: number | null;
  service_cancelled_days: number | null;
  retention_renewals: number;
  window_tickets: number;
  window_contacts: number;
  advocacy_referrals: number;
  advocacy_good_reviews: number;
  /** Packed: `days * 16 + (15 - score)` of the latest NPS answer. */
  latest_nps: number | null;
  /** From the latest model fit made at or before the as-of date, when there is one. */
  probability_alive: number | null;
  expected_purchases: number | null;
  clv: number | null;
}

export const packing = { kind: 32, period: 8192, nps: 16 } as const;

export interface CustomerFactsQuery {
  sql: string;
  params: SqlValue[];
  /** Column names in select order, for reading positional rows. */
  columns: (keyof CustomerFacts)[];
}

export interface CustomerFactsOptions {
  asOf: string;
  config: TenureConfig;
  dialect: Dialect;
  /** Whether the store has anonymous events (see `hasAnonymousEvents`). */
  anonymous: boolean;
  /** The model fit whose scores to join, if any (see `latestFit`). */
  fitId: number | null;
  /** Only this customer (or prospect's anonymous id); default all. */
  customerId?: string;
}

/** Collects bound parameters and hands out their placeholders. */
export class Params {
  readonly values: SqlValue[] = [];
  add(value: SqlValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The timeline the facts are grouped from: every resolved event of each customer and unlinked prospect
 * as of the date, with its day (`d`, days before the as-of day) and the few fields of `properties` the
 * facts read. Those are read only on rows of their kind: parsing JSON on every event would cost more
 * than the rest of the scan. `$1` is the exclusive end of the as-of day.
 */
export function timelineSql(options: Pick<CustomerFactsOptions, 'asOf' | 'anonymous' | 'customerId'>, params: Params): string {
  const asOfDate = `CAST(${params.add(options.asOf)} AS DATE)`;
  const fields = [
    'kind',
    `CAST(${asOfDate} - CAST(occurred_at AS DATE) AS INTEGER) AS d`,
    'occurred_at, amount, full_price, order_id, channel, platform, properties',
  ].join(', ');
  const who = options.customerId === undefined ? null : params.add(options.customerId);
  const sources = [`SELECT customer_id, FALSE AS anonymous, ${fields} FROM resolved${who ? ` WHERE customer_id = ${who}` : ''}`];
  if (options.anonymous) {
    // Prospects never linked to a customer as of the date: their anonymous id stands in for one.
    sources.push(`SELECT anonymous_id, TRUE, ${fields} FROM events
      WHERE customer_id IS NULL AND anonymous_id IS NOT NULL AND occurred_at < $1
        AND NOT EXISTS (SELECT 1 FROM links l WHERE l.anonymous_id = events.anonymous_id)${who ? ` AND anonymous_id = ${who}` : ''}`);
  }
  return sources.join('\n      UNION ALL ');
}

/**
 * A top-level field of the event's properties as text. Parenthesised: DuckDB binds `->>` more loosely than
 * `=`, so `properties->>'a' = 'b'` would compare the key with 'b'.
 */
export function field(key: string): string {
  return `(properties->>'${key}')`;
}

/** `CASE kind WHEN 'a' THEN 0 WHEN 'b' THEN 1 ... END`: a kind's index in a configured list. */
function kindCode(kinds: readonly string[], params: Params): string {
  return `CASE kind ${kinds.map((kind, i) => `WHEN ${params.add(kind)} THEN ${i}`).join(' ')} END`;
}

/** The days a subscription payment pays for, from its `interval` and `interval_count` (a month when absent). */
export function subscriptionPeriodDaysSql(dialect: Dialect): string {
  const json = (key: string) => double(dialect, field(key));
  return `least(${packing.period - 1},
      CASE coalesce(${field('interval')}, 'month') WHEN 'day' THEN 1 WHEN 'week' THEN 7 WHEN 'quarter' THEN 92 WHEN 'year' THEN 366 ELSE 31 END
      * coalesce(CAST(${json('interval_count')} AS INTEGER), 1))`;
}

export function customerFactsSql(options: CustomerFactsOptions): CustomerFactsQuery {
  const { config, dialect } = options;
  const params = new Params();
  params.add(endOfDay(options.asOf)); // $1, as resolvedEventsSql expects
  const timeline = timelineSql(options, params);
  const window = params.add(config.activity.window);
  const recent = params.add(config.status.reactivationWindowDays);
  const loyalWindow = params.add(config.types.loyal.windowDays);
  const retentionWindow = params.add(config.stages.retentionWindowDays);
  const advocacyWindow = params.add(config.stages.advocacy.windowDays);
  const rfmWindow = config.rfm.windowDays === null ? null : params.add(config.rfm.windowDays);
  const minRating = params.add(config.stages.advocacy.minReviewRating);

  // An outbound contact is the business reaching out: no sign of the customer's activity.
  const outbound = `kind = 'contact' AND ${field('direction')} = 'outbound'`;
  const activityCode = `CASE WHEN ${outbound} THEN NULL ELSE ${kindCode(config.activity.kinds, params)} END`;
  const directCode = kindCode(config.stages.acquisitionKinds, params);
  const json = (key: string) => double(dialect, field(key));
  const periodDays = subscriptionPeriodDaysSql(dialect);
  const row = `SELECT customer_id, anonymous, d, kind, amount, full_price,
      ${activityCode} AS activity,
      ${directCode} AS direct,
      CASE WHEN kind = 'contact' THEN NOT coalesce(${field('direction')} = 'outbound', FALSE) END AS inbound,
      CASE WHEN kind LIKE 'subscription%' THEN coalesce(${field('kind')}, 'service') END AS sub_kind,
      CASE WHEN kind IN ('subscription_started', 'subscription_renewed') THEN greatest(1, ${periodDays}) END AS period,
      CASE WHEN kind = 'review_submitted' THEN ${json('rating')} END AS rating,
      CASE WHEN kind = 'survey_answered' THEN least(10, greatest(0, CAST(${json('nps')} AS INTEGER))) END AS nps
    FROM (${timeline}) customer_events`;

  const n = (filter: string) => `CAST(count(*) FILTER (WHERE ${filter}) AS INTEGER)`;
  const money = (filter: string) => double(dialect, `coalesce(sum(amount) FILTER (WHERE ${filter}), 0)`);
  const latestDay = (filter: string) => `min(d) FILTER (WHERE ${filter})`;
  const earliestDay = (filter: string) => `max(d) FILTER (WHERE ${filter})`;
  const order = `kind = 'order_completed'`;
  const purchase = `kind IN ('order_completed', 'subscription_started', 'subscription_renewed')`;
  const payment = (subKind: string) => `kind IN ('subscription_started', 'subscription_renewed') AND sub_kind = '${subKind}'`;
  const cancellation = (subKind: string) => `kind = 'subscription_cancelled' AND sub_kind = '${subKind}'`;

  // Every aggregate but the event count has a FILTER: an aggregate costs by the rows it updates, and a
  // customer's row in the hash table is touched only for the events of the kinds it is about.
  const columns: [keyof CustomerFacts, string][] = [
    ['customer_id', 'customer_id'],
    ['anonymous', 'anonymous'],
    ['events', 'CAST(count(*) AS INTEGER)'],
    ['first_direct', `max(d * ${packing.kind} + direct) FILTER (WHERE direct IS NOT NULL)`],
    ['last_activity', `min(d * ${packing.kind} + activity) FILTER (WHERE activity IS NOT NULL)`],
    ['activity_before_recent_days', latestDay(`activity IS NOT NULL AND d >= ${recent}`)],
    ['first_recent_activity_days', earliestDay(`activity IS NOT NULL AND d < ${recent}`)],
    ['orders', n(order)],
    ['revenue', money(order)],
    ['full_price_orders', n(`${order} AND full_price`)],
    ['first_order_days', earliestDay(order)],
    ['last_order_days', latestDay(order)],
    ['retention_orders', n(`${order} AND d < ${retentionWindow}`)],
    // Over the whole history (no RFM window) these are the orders and revenue: copied in the outer select.
    ...(rfmWindow ? ([['rfm_orders', n(`${order} AND d < ${rfmWindow}`)], ['rfm_revenue', money(`${order} AND d < ${rfmWindow}`)]] as [keyof CustomerFacts, string][]) : []),
    ['loyalty_purchases', n(`${purchase} AND d < ${loyalWindow}`)],
    ['loyalty_first_purchase_days', earliestDay(`${purchase} AND d < ${loyalWindow}`)],
    ['product_paid', `min(d * ${packing.period} + period) FILTER (WHERE ${payment('product')})`],
    ['product_cancelled_days', latestDay(cancellation('product'))],
    ['service_paid', `min(d * ${packing.period} + period) FILTER (WHERE ${payment('service')})`],
    ['service_cancelled_days', latestDay(cancellation('service'))],
    ['retention_renewals', n(`kind = 'subscription_renewed' AND d < ${retentionWindow}`)],
    ['window_tickets', n(`kind = 'support_ticket_opened' AND d < ${window}`)],
    ['window_contacts', n(`inbound AND d < ${window}`)],
    ['advocacy_referrals', n(`kind = 'referral_made' AND d < ${advocacyWindow}`)],
    ['advocacy_good_reviews', n(`rating >= ${minRating} AND d < ${advocacyWindow}`)],
    ['latest_nps', `min(d * ${packing.nps} + ${packing.nps - 1} - nps) FILTER (WHERE nps IS NOT NULL)`],
  ];
  const facts = `SELECT ${columns.map(([name, sql]) => (name === sql ? name : `${sql} AS ${name}`)).join(',\n      ')}
    FROM (${row}) timeline
    GROUP BY customer_id, anonymous`;
  const scores = ['probability_alive', 'expected_purchases', 'clv'] as const;
  // No NULLs leave the query: a missing day or score is -1 (every real one is 0 or more). Columns without
  // NULLs reach JavaScript several times faster from DuckDB, whose per-value NULL check is the costly part.
  const rfm: (keyof CustomerFacts)[] = rfmWindow ? [] : ['rfm_orders', 'rfm_revenue'];
  const names = [...columns.map(([name]) => name), ...rfm, ...scores];
  const select = names.map((name) => {
    if (scores.includes(name as (typeof scores)[number])) return options.fitId === null ? `${double(dialect, '-1')} AS ${name}` : `coalesce(s.${name}, -1) AS ${name}`;
    if (name === 'rfm_orders' && !rfmWindow) return 'facts.orders AS rfm_orders';
    if (name === 'rfm_revenue' && !rfmWindow) return 'facts.revenue AS rfm_revenue';
    return nullableFacts.has(name) ? `coalesce(facts.${name}, -1) AS ${name}` : `facts.${name}`;
  });
  const scoreJoin = options.fitId === null ? '' : ` LEFT JOIN customer_scores s ON s.customer_id = facts.customer_id AND NOT facts.anonymous AND s.fit_id = ${params.add(options.fitId)}`;
  const sql = `WITH ${resolvedEventsSql('TRUE', { anonymous: options.anonymous, dialect })},
    facts AS (${facts})
    SELECT ${select.join(', ')} FROM facts${scoreJoin}`;
  return { sql, params: params.values, columns: names };
}

/** The facts that may be absent (-1 in the query's result, null in `CustomerFacts`). */
export const nullableFacts: ReadonlySet<keyof CustomerFacts> = new Set<keyof CustomerFacts>([
  'first_direct', 'last_activity', 'activity_before_recent_days', 'first_recent_activity_days', 'first_order_days', 'last_order_days',
  'loyalty_first_purchase_days', 'product_paid', 'product_cancelled_days', 'service_paid', 'service_cancelled_days', 'latest_nps',
  'probability_alive', 'expected_purchases', 'clv',
]);

/** The latest model fit made as of the date or before (a later one would know the future), if any. */
export async function latestFit(store: Store, asOf: string): Promise<{ fitId: number; asOf: string } | null> {
  const [row] = await store.query<{ fit_id: number; as_of: Date }>(
    `SELECT fit_id, as_of FROM model_fits WHERE as_of <= CAST($1 AS DATE) ORDER BY as_of DESC, fit_id DESC LIMIT 1`,
    [asOf],
  );
  return row ? { fitId: row.fit_id, asOf: row.as_of.toISOString().slice(0, 10) } : null;
}

/** What the facts query needs to know about the store: its engine, anonymous events, the fit to use. */
export async function factsSource(store: Store, asOf: string): Promise<{ dialect: Dialect; anonymous: boolean; fitId: number | null; fitAsOf: string | null }> {
  const fit = await latestFit(store, asOf);
  return { dialect: store.dialect, anonymous: await hasAnonymousEvents(store), fitId: fit?.fitId ?? null, fitAsOf: fit?.asOf ?? null };
}
