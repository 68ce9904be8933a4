/**
 * The lookalike model's SQL, written once for DuckDB and PostgreSQL: everyone's attributes as they stood
 * before their first order, in temp tables, and the compact counts the model is fitted on.
 *
 * - `tenure_lookalike_people`: one row per customer who has ordered and per prospect (no order and no
 *   subscription), with its group (high value, other customer, prospect), a prospect's stage, and its
 *   behaviour: the first channel and platform, sign-ups, leads, inbound contacts, tickets, page and
 *   product views, cart adds and checkouts. One grouped scan of the resolved timeline, joined to each
 *   customer's first order (`tenure_lookalike_first_orders`, a grouped scan of the orders made first): a
 *   customer's events from that moment on are left out, so customers are seen as they looked as
 *   prospects (a prospect has no first order: all of it).
 * - `tenure_lookalike_traits`: each person's latest value of each identify trait, from the identify
 *   events before the first order too (a grouped scan of identify events only).
 *
 * Both are built inside `withFacts` (classify-customers.ts): the facts table gives each person's orders,
 * subscriptions and first direct contact, and the high-value rule is classify.ts's, written over the
 * facts' columns with the population's median average order.
 */
import { resolvedEventsSql } from '../analytics/resolved-events.js';
import { endOfDay } from '../analytics/time-unit.js';
import type { TenureConfig } from '../config/config-schema.js';
import { factsTable } from '../lifecycle/classify-customers.js';
import { field, Params, timelineSql } from '../lifecycle/customer-facts.js';
import { highValueSql } from '../lifecycle/high-value-sql.js';
import { byText, double, type Dialect } from '../store/sql-dialect.js';
import type { SqlValue } from '../store/store.js';
import { behaviourAttributes, behaviourValueSql, type TraitUse } from './attributes.js';

export const peopleTable = 'tenure_lookalike_people';
export const traitsTable = 'tenure_lookalike_traits';

/** Group codes in the people table. */
export const group = { others: 0, high: 1, prospect: 2 } as const;

/** Kinds whose `channel` is how the person got in touch, not where they came from. */
const contactKinds = ['contact', 'support_ticket_opened', 'support_ticket_resolved'];

/**
 * The aggregate taking `value` from the earliest row by `order` among the rows passing `filter`, ties to
 * the smallest value (both engines alike). PostgreSQL's FILTER belongs to the aggregate, inside the subscript.
 */
function firstBy(dialect: Dialect, value: string, order: string, filter: string): string {
  return dialect === 'postgres'
    ? `(array_agg(${value} ORDER BY ${order}, ${byText(dialect, value)}) FILTER (WHERE ${filter}))[1]`
    : `arg_min(${value}, (${order}, ${value})) FILTER (WHERE ${filter})`;
}

/** The aggregate taking `value` from the latest row by `order`, then by the text `tie` (largest first). */
function lastBy(dialect: Dialect, value: string, order: string, tie: string): string {
  return dialect === 'postgres' ? `(array_agg(${value} ORDER BY ${order} DESC, ${byText(dialect, tie)} DESC))[1]` : `arg_max(${value}, (${order}, ${tie}))`;
}

export const firstOrdersTable = 'tenure_lookalike_first_orders';

/** The first-orders table's SELECT: each person's first order (its timestamp), from one grouped scan of the orders. */
export function firstOrdersSql(options: { asOf: string; dialect: Dialect; anonymous: boolean }): { sql: string; params: SqlValue[] } {
  const params = new Params();
  params.add(endOfDay(options.asOf)); // $1, as resolvedEventsSql expects
  const timeline = timelineSql({ asOf: options.asOf, anonymous: options.anonymous }, params);
  const sql = `WITH ${resolvedEventsSql(`e.kind = 'order_completed'`, { anonymous: options.anonymous, dialect: options.dialect })}
    SELECT customer_id, anonymous, min(occurred_at) AS first_order_at FROM (${timeline}) t WHERE kind = 'order_completed' GROUP BY customer_id, anonymous`;
  return { sql, params: params.values };
}

interface Timeline {
  /** CTEs `resolved` and `before` (each person's timeline before its first order, from the first-orders table). */
  ctes: string;
  params: Params;
}

/** `kindFilter` (over `e`, an events row) narrows the identified events read, as resolvedEventsSql's does. */
function timelineBeforeFirstOrder(options: { asOf: string; dialect: Dialect; anonymous: boolean }, kindFilter = 'TRUE'): Timeline {
  const params = new Params();
  params.add(endOfDay(options.asOf)); // $1, as resolvedEventsSql expects
  const timeline = timelineSql({ asOf: options.asOf, anonymous: options.anonymous }, params);
  const ctes = `${resolvedEventsSql(kindFilter, { anonymous: options.anonymous, dialect: options.dialect })},
    before AS (
      SELECT t.* FROM (${timeline}) t LEFT JOIN ${firstOrdersTable} f ON f.customer_id = t.customer_id AND f.anonymous = t.anonymous
      WHERE f.first_order_at IS NULL OR t.occurred_at < f.first_order_at)`;
  return { ctes, params };
}

export interface PeopleOptions {
  asOf: string;
  config: TenureConfig;
  dialect: Dialect;
  anonymous: boolean;
  /** The population's median average order value (population-figures.ts); null without purchasers. */
  medianAverageOrderValue: number | null;
}

/** The people table's SELECT: group, stage and behaviour before the first order of everyone the model sees. */
export function peopleSql(options: PeopleOptions): { sql: string; params: SqlValue[] } {
  const { ctes, params } = timelineBeforeFirstOrder(options);
  const n = (filter: string) => `CAST(count(*) FILTER (WHERE ${filter}) AS INTEGER)`;
  const inbound = `kind = 'contact' AND NOT coalesce(${field('direction')} = 'outbound', FALSE)`;
  const behaviour = `SELECT customer_id, anonymous,
      ${firstBy(options.dialect, 'channel', 'occurred_at', `channel IS NOT NULL AND kind NOT IN (${contactKinds.map((k) => `'${k}'`).join(', ')})`)} AS channel,
      ${firstBy(options.dialect, 'platform', 'occurred_at', 'platform IS NOT NULL')} AS platform,
      ${n(`kind = 'signed_up'`)} AS signups,
      ${n(`kind = 'lead_captured'`)} AS leads,
      ${n(inbound)} AS contacts,
      ${n(`kind = 'support_ticket_opened'`)} AS tickets,
      ${n(`kind = 'page_viewed'`)} AS page_views,
      ${n(`kind = 'product_viewed'`)} AS product_views,
      ${n(`kind = 'product_added_to_cart'`)} AS cart_adds,
      ${n(`kind = 'checkout_started'`)} AS checkouts
    FROM before GROUP BY customer_id, anonymous`;
  const high = highValueSql(options.config, options.medianAverageOrderValue, options.dialect, params);
  const counts = behaviourAttributes.filter((a) => a.kind !== 'category').map((a) => a.column);
  const sql = `WITH ${ctes},
    behaviour AS (${behaviour})
    SELECT f.customer_id, f.anonymous,
      CAST(CASE WHEN f.orders = 0 THEN ${group.prospect} WHEN ${high} THEN ${group.high} ELSE ${group.others} END AS INTEGER) AS grp,
      CASE WHEN f.orders > 0 THEN NULL WHEN f.first_direct >= 0 THEN 'acquisition' ELSE 'reach' END AS stage,
      b.channel, b.platform, ${counts.map((c) => `coalesce(b.${c}, 0) AS ${c}`).join(', ')}
    FROM ${factsTable} f LEFT JOIN behaviour b ON b.customer_id = f.customer_id AND b.anonymous = f.anonymous
    WHERE f.orders > 0 OR (f.product_paid < 0 AND f.service_paid < 0)`;
  return { sql, params: params.values };
}

/** The traits table's SELECT: each person's latest value of each trait from identify events before the first order. */
export function traitsSql(options: Omit<PeopleOptions, 'config' | 'medianAverageOrderValue'>): { sql: string; params: SqlValue[] } {
  const { ctes, params } = timelineBeforeFirstOrder(options, `e.kind = 'identify'`);
  const postgres = options.dialect === 'postgres';
  const each = postgres ? 'jsonb_each(i.properties)' : 'json_each(i.properties)';
  const text = postgres ? `(j.value #>> '{}')` : `(j.value ->> '$')`;
  const isNumber = postgres ? `(jsonb_typeof(j.value) = 'number')` : `(j.type IN ('BIGINT', 'UBIGINT', 'DOUBLE'))`;
  const scalar = postgres ? `jsonb_typeof(j.value) IN ('string', 'number', 'boolean')` : `j.type NOT IN ('NULL', 'OBJECT', 'ARRAY')`;
  // The latest value wins, as in a customer's profile; numbers are read from the same latest value.
  const sql = `WITH ${ctes},
    identifies AS (SELECT customer_id, anonymous, occurred_at, properties FROM before WHERE kind = 'identify' AND properties IS NOT NULL),
    trait_values AS (
      SELECT i.customer_id, i.anonymous, i.occurred_at, j.key AS trait, ${text} AS text_value, CASE WHEN ${isNumber} THEN 1 ELSE 0 END AS is_number
      FROM identifies i, ${each} j WHERE ${scalar})
    SELECT customer_id, anonymous, trait,
      ${lastBy(options.dialect, 'text_value', 'occurred_at', 'text_value')} AS text_value,
      CAST(${lastBy(options.dialect, 'is_number', 'occurred_at', 'text_value')} AS INTEGER) AS is_number
    FROM trait_values GROUP BY customer_id, anonymous, trait`;
  return { sql, params: params.values };
}

/** Per trait over everyone the model sees: distinct values, people, whether all numeric, and the quartiles. */
export function traitStatsSql(dialect: Dialect): string {
  const num = double(dialect, 't.text_value');
  const quantile = (p: number) => `percentile_disc(${p}) WITHIN GROUP (ORDER BY CASE WHEN t.is_number = 1 THEN ${num} END)`;
  return `SELECT t.trait, CAST(count(DISTINCT t.text_value) AS INTEGER) AS distinct_values, CAST(count(*) AS INTEGER) AS people,
      CAST(min(t.is_number) AS INTEGER) AS numeric, ${quantile(0.25)} AS q1, ${quantile(0.5)} AS q2, ${quantile(0.75)} AS q3
    FROM ${traitsTable} t JOIN ${peopleTable} p ON p.customer_id = t.customer_id AND p.anonymous = t.anonymous
    GROUP BY t.trait ORDER BY ${byText(dialect, 't.trait')}`;
}

/**
 * A trait's value label in SQL: its text for a category, its band number (as text) for a numeric trait;
 * NULL for a trait not used. Trait names and cut points are parameters.
 */
export function traitValueSql(uses: readonly TraitUse[], dialect: Dialect, params: Params): string {
  const used = uses.filter((u) => u.use !== 'ignored');
  if (used.length === 0) return 'CAST(NULL AS VARCHAR)';
  const num = double(dialect, 'text_value');
  const branches = used.map((u) => {
    if (u.use !== 'bands') return `WHEN ${params.add(u.key)} THEN text_value`;
    const band = u.cuts.map((cut) => `CASE WHEN ${num} >= ${params.add(cut)} THEN 1 ELSE 0 END`).join(' + ') || '0';
    return `WHEN ${params.add(u.key)} THEN CAST(${band} AS VARCHAR)`;
  });
  return `CASE trait ${branches.join(' ')} END`;
}

/** The counts the model is fitted on: people per group with each attribute value (behaviour and used traits). */
export function valueCountsSql(uses: readonly TraitUse[], dialect: Dialect): { sql: string; params: SqlValue[] } {
  const params = new Params();
  const byGroup = `CAST(count(*) FILTER (WHERE grp = ${group.high}) AS INTEGER) AS high,
      CAST(count(*) FILTER (WHERE grp = ${group.others}) AS INTEGER) AS others,
      CAST(count(*) FILTER (WHERE grp = ${group.prospect}) AS INTEGER) AS prospects`;
  const behaviour = behaviourAttributes.map(
    (a) => `SELECT CAST('${a.name}' AS VARCHAR) AS attribute, ${behaviourValueSql(a)} AS value, ${byGroup} FROM ${peopleTable} GROUP BY 2`,
  );
  const label = traitValueSql(uses, dialect, params);
  const traits = `SELECT 'trait:' || trait AS attribute, value, ${byGroup} FROM (
      SELECT t.trait, ${label} AS value, p.grp FROM ${traitsTable} t JOIN ${peopleTable} p ON p.customer_id = t.customer_id AND p.anonymous = t.anonymous) v
    WHERE value IS NOT NULL GROUP BY trait, value`;
  return { sql: [...behaviour, traits].join('\nUNION ALL\n'), params: params.values };
}

/** Separators of the packed traits column of `prospectsSql` (control characters no trait name or value holds). */
export const traitSeparator = '\u001e';
export const valueSeparator = '\u001f';

/**
 * The prospects with their behaviour (in the order of behaviourAttributes) and their used traits packed
 * into one text column (`trait \u001f value \u001e ...`); read back in id order (`prospectsOrder`).
 */
export function prospectsSql(uses: readonly TraitUse[], dialect: Dialect): { sql: string; params: SqlValue[] } {
  const params = new Params();
  const label = traitValueSql(uses, dialect, params);
  const pair = `trait || ${params.add(valueSeparator)} || value`;
  // customer_id, anonymous, stage, then the behaviour in the order of behaviourAttributes, then the traits.
  const sql = `SELECT p.customer_id, p.anonymous, p.stage, ${behaviourAttributes.map((a) => `p.${a.column}`).join(', ')}, pt.traits
    FROM ${peopleTable} p LEFT JOIN (
      SELECT customer_id, anonymous, string_agg(${pair}, ${params.add(traitSeparator)}) AS traits
      FROM (SELECT t.customer_id, t.anonymous, t.trait, ${label} AS value
            FROM ${traitsTable} t JOIN ${peopleTable} q ON q.customer_id = t.customer_id AND q.anonymous = t.anonymous
            WHERE q.grp = ${group.prospect}) v
      WHERE value IS NOT NULL
      GROUP BY customer_id, anonymous) pt ON pt.customer_id = p.customer_id AND pt.anonymous = p.anonymous
    WHERE p.grp = ${group.prospect}`;
  return { sql, params: params.values };
}

/** The order prospects are read and handed over in: by id in byte order on both engines. */
export const prospectsOrder = (dialect: Dialect): string => `${byText(dialect, 'customer_id')}, anonymous`;
