/**
 * Every customer's stage transitions from ONE pass over the event log: the SQL reads the events that
 * matter for the stage (orders, subscription payments, `stages.acquisitionKinds`, referrals, reviews,
 * NPS answers) grouped into one row per customer, with the first day it was seen and those events packed
 * one integer each; the rows stream out and each customer's are turned into its transitions in TypeScript
 * (stage-timeline.ts) before the next customer's arrive, so memory stays flat however many there are.
 *
 * Identity as of each day, as resolved-events.ts resolves it as of one date: an anonymous event belongs to
 * its prospect (under its anonymous id) until the day its anonymous id is first linked to a customer, and
 * to that customer from then on, with its own day (so it counts in the customer's windows as of its own
 * day). On the day of the link the prospect stops being counted: its timeline ends with a transition to
 * null.
 *
 * Days are whole days after the range's first day (negative before it), so both engines hand over the
 * same small integers.
 */
import { hasAnonymousEvents, linksSql } from '../analytics/resolved-events.js';
import { endOfDay } from '../analytics/time-unit.js';
import type { TenureConfig } from '../config/config-schema.js';
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { double, type Dialect } from '../store/sql-dialect.js';
import type { SqlValue, Store } from '../store/store.js';
import { field, Params } from './customer-facts.js';
import { never, StageEvents, stageFlags } from './stage-timeline.js';

export interface StageEventsQueryOptions {
  /** Day 0 of the day numbers (YYYY-MM-DD). */
  from: string;
  /** The last day read, included (YYYY-MM-DD). */
  to: string;
  config: TenureConfig;
  dialect: Dialect;
  /** Whether the store has anonymous events (see `hasAnonymousEvents`). */
  anonymous: boolean;
  /** Only this customer (or prospect's anonymous id); default all. */
  customerId?: string;
}

/** The query's columns, in order: id, anonymous, first (the first day seen), until (prospect linked), events (packed). */
export function stageEventsSql(options: StageEventsQueryOptions): { sql: string; params: SqlValue[] } {
  const { config, dialect } = options;
  const params = new Params();
  const end = params.add(endOfDay(options.to));
  const from = `CAST(${params.add(options.from)} AS DATE)`;
  const day = `CAST(CAST(occurred_at AS DATE) - ${from} AS INTEGER)`;
  const minRating = params.add(config.stages.advocacy.minReviewRating);
  const json = (key: string) => double(dialect, field(key));
  // One CASE on the kind (the fewest string comparisons per event), each kind with the flags it always
  // has plus the ones that depend on its properties.
  const direct = new Set(config.stages.acquisitionKinds);
  const byKind = new Map<string, { flags: number; more: string[] }>();
  const add = (kind: string, flags: number, more?: string) => {
    const entry = byKind.get(kind) ?? { flags: 0, more: [] };
    entry.flags |= flags;
    if (more) entry.more.push(more);
    byKind.set(kind, entry);
  };
  const knownSubscription = `CASE WHEN coalesce(${field('kind')}, 'service') IN ('product', 'service') THEN ${stageFlags.knownSubscription} ELSE 0 END`;
  add('order_completed', stageFlags.order);
  add('subscription_started', stageFlags.payment, knownSubscription);
  add('subscription_renewed', stageFlags.payment | stageFlags.renewal, knownSubscription);
  add('referral_made', stageFlags.referral);
  add('review_submitted', 0, `CASE WHEN ${json('rating')} >= ${minRating} THEN ${stageFlags.goodReview} ELSE 0 END`);
  add('survey_answered', 0, `CASE WHEN nps IS NOT NULL THEN ${stageFlags.nps} ELSE 0 END`);
  for (const kind of direct) add(kind, stageFlags.direct);
  const flags = `CASE kind ${[...byKind].map(([kind, { flags, more }]) => `WHEN ${params.add(kind)} THEN ${[String(flags), ...more].join(' + ')}`).join(' ')} ELSE 0 END`;
  const nps = `CASE WHEN kind = 'survey_answered' THEN least(10, greatest(0, CAST(${json('nps')} AS INTEGER))) END`;
  const who = options.customerId === undefined ? null : params.add(options.customerId);
  const neverSql = `CAST(${never} AS INTEGER)`;

  // Written out in each branch rather than as a CTE: a CTE read twice is materialised, which cost more
  // than scanning the events twice.
  const tagged = (filter: string) => `(SELECT customer_id, anonymous_id, d, ${flags} AS flags, coalesce(nps, -1) AS nps
      FROM (SELECT customer_id, anonymous_id, kind, properties, ${day} AS d, ${nps} AS nps FROM events WHERE occurred_at < ${end} AND ${filter}) e)`;
  const ctes: string[] = [];
  const sources = [`SELECT customer_id AS id, FALSE AS anon, d AS e, d AS s, ${neverSql} AS u, flags, nps FROM ${tagged('customer_id IS NOT NULL')} identified`];
  if (options.anonymous) {
    ctes.push(linksSql(dialect, { end, linkedDay: day }));
    ctes.push(`anonymous_events AS (
      SELECT t.anonymous_id, l.customer_id, l.linked, t.d, t.flags, t.nps
      FROM ${tagged('customer_id IS NULL AND anonymous_id IS NOT NULL')} t LEFT JOIN links l ON l.anonymous_id = t.anonymous_id)`);
    // The prospect, on the days before its link; the customer, from the link on (an event of before the link keeps its day).
    sources.push(`SELECT anonymous_id, TRUE, d, d, coalesce(linked, ${neverSql}), flags, nps FROM anonymous_events WHERE linked IS NULL OR d < linked`);
    sources.push(`SELECT customer_id, FALSE, d, greatest(d, linked), ${neverSql}, flags, nps FROM anonymous_events WHERE customer_id IS NOT NULL`);
  }
  const stageEvents = `${sources.join('\n      UNION ALL ')}`;
  // One row per customer: the first day it was seen, the day a prospect is linked, and its stage-relevant
  // events packed one integer each (see `unpack`), as doubles (exact below 2^53), which reach JavaScript
  // as plain numbers where BIGINTs would be BigInts. A grouped aggregate with no sort: several times faster
  // than ordering the events by customer, and the events of one customer are few.
  const packed = `(CAST(e + ${packing.dayOffset} AS BIGINT) * ${packing.day} + CAST(s - e AS BIGINT) * ${packing.lag} + flags * ${packing.flags} + (nps + 1))`;
  const sql = `${ctes.length > 0 ? `WITH ${ctes.join(',\n    ')}` : ''}
    SELECT id, anon, min(s) AS first, min(u) AS until, array_agg(${double(dialect, packed)}) FILTER (WHERE flags > 0) AS events
    FROM (${stageEvents}) stage_events${who ? ` WHERE id = ${who}` : ''}
    GROUP BY id, anon`;
  return { sql, params: params.values };
}

/**
 * How an event is packed into one integer (exact in a double: under 2^53): the day plus 2^19 (any day
 * within 1,400 years of the range), the days from it to the day it starts counting (0 but for an
 * anonymous event linked later), the flags and the NPS plus one (0: none).
 */
export const packing = { dayOffset: 2 ** 19, day: 2 ** 32, lag: 2 ** 12, flags: 2 ** 4 } as const;

/** Unpacks one event into `events`. */
function unpack(events: StageEvents, value: number): void {
  const day = Math.floor(value / packing.day) - packing.dayOffset;
  const rest = value % packing.day;
  const lag = Math.floor(rest / packing.lag);
  const flags = Math.floor((rest % packing.lag) / packing.flags);
  const nps = (rest % packing.flags) - 1;
  events.push(day, day + lag, flags, nps, 1);
}

/** A column of a batch: a DuckDB vector of one chunk, or an array. */
interface Column {
  getItem(index: number): unknown;
}

/**
 * Streams every customer's (and unlinked prospect's) stage events, calling `onCustomer` once per customer.
 * `events` is reused: read it before returning. `onCustomer` must not query the store (on DuckDB the rows
 * are still streaming out of its connection).
 */
export async function readStageEvents(
  store: Store,
  options: Omit<StageEventsQueryOptions, 'dialect' | 'anonymous'>,
  onCustomer: (id: string, anonymous: boolean, events: StageEvents) => void,
): Promise<void> {
  const query = stageEventsSql({ ...options, dialect: store.dialect, anonymous: await hasAnonymousEvents(store) });
  const events = new StageEvents();
  const take = (c: readonly Column[], rowCount: number) => {
    const [ids, anons, firsts, untils, lists] = c as [Column, Column, Column, Column, Column];
    for (let r = 0; r < rowCount; r++) {
      events.clear();
      const first = Number(firsts.getItem(r));
      events.push(first, first, 0, -1, 1);
      events.until = Number(untils.getItem(r));
      const list = lists.getItem(r) as { items: readonly unknown[] } | readonly unknown[] | null;
      const items = list === null ? [] : Array.isArray(list) ? list : (list as { items: readonly unknown[] }).items;
      for (const item of items) unpack(events, Number(item));
      onCustomer(ids.getItem(r) as string, anons.getItem(r) as boolean, events);
    }
  };
  if (store instanceof DuckDbStore) {
    const result = await store.connection.stream(query.sql, query.params.map((v) => (v instanceof Date ? v.toISOString() : v)) as never);
    for (;;) {
      const chunk = await result.fetchChunk();
      const rowCount = chunk?.rowCount ?? 0;
      if (!chunk || rowCount === 0) break;
      // The vectors' own getItem: converting whole columns to arrays first costs more.
      take(Array.from({ length: 5 }, (_, i) => chunk.getColumnVector(i)), rowCount);
    }
  } else {
    await store.transaction(async (tx) => {
      await tx.run(`DECLARE tenure_stage_events NO SCROLL CURSOR FOR ${query.sql}`, query.params);
      for (;;) {
        const rows = await tx.query('FETCH 5000 FROM tenure_stage_events');
        if (rows.length === 0) break;
        const values = rows.map((row) => Object.values(row));
        take(Array.from({ length: 5 }, (_, i): Column => ({ getItem: (r) => values[r]?.[i] })), rows.length);
      }
      await tx.run('CLOSE tenure_stage_events');
    });
  }
}
