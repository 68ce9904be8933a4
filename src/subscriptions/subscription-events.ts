/**
 * Streams customers' subscription events, up to the end of a day or all of them, grouped by customer and
 * by subscription, in time order: what subscription-timeline.ts reads. The events come from the derived
 * table of subscription events (subscription-events-table.ts), with identity resolved as of that day like
 * every other report, sorted by customer, subscription and time, and handed over a customer at a time, so
 * memory holds one customer's events however many there are.
 *
 * Speed: one scan of the derived table, sorted by integers, and the rows reach JavaScript as numbers only.
 * Strings cost most of the time of sorting and handing rows over (DuckDB decodes each one), so customers,
 * subscriptions and plans are numbers from the derived table's dictionaries (the customer's own id is not
 * needed: MRR is summed over customers).
 */
import { hasAnonymousEvents, linksSql } from '../analytics/resolved-events.js';
import { endOfDayTimestamp } from '../analytics/time-unit.js';
import { dictionaryTable } from '../store/derived-tables.js';
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { readBatches } from '../store/read-batches.js';
import { byText } from '../store/sql-dialect.js';
import type { Store } from '../store/store.js';
import { billingIntervalCodes, subscriptionEventKinds, subscriptionEventsTable } from './subscription-events-table.js';
import type { SubscriptionEvent } from './subscription-timeline.js';

export interface CustomerSubscriptions {
  /**
   * The customer's number in the derived table's customers dictionary (negative for a customer known
   * only by a link, numbered for this read).
   */
  customerNo: number;
  /** Each subscription's events in time order. */
  subscriptions: SubscriptionEvent[][];
}

/** Which events to read: up to a day or all of them, everyone's or some customers'. */
export interface SubscriptionEventsScope {
  /**
   * The last day (YYYY-MM-DD) whose events count, with identity resolved as of its end: anonymous events
   * count for the customer their id is linked to by then. Null: every event, and only the events that
   * carry a customer id (what the MRR facts are made of, mrr-facts.ts).
   */
  through: string | null;
  /**
   * Only some customers: those whose number a query gives (`SELECT customer_no FROM ...`), and with
   * `linked`, also every customer with an anonymous event linked to them.
   */
  only?: { customers: string; linked: boolean } | undefined;
}

/**
 * Calls `onCustomer` for every customer with subscription events in `scope`, a customer at a time. The
 * derived table must be up to date (`refreshDerivedTable(store, subscriptionEventsTable)`).
 * `onCustomer` must not query the store (the events are still streaming out of it), but may write
 * through a batch writer (store/write-batches.ts): the stream waits for what it returns.
 */
export async function readSubscriptionEvents(
  store: Store,
  scope: SubscriptionEventsScope,
  onCustomer: (customer: CustomerSubscriptions) => void | Promise<void>,
): Promise<void> {
  const derived = subscriptionEventsTable.name;
  const customers = dictionaryTable(subscriptionEventsTable, 'customers');
  const plans = await planNames(store);
  const columns = 'subscription_no, day, kind_code, plan_no, product, amount, interval_code, interval_count, trial, status_code';
  const params = scope.through === null ? [] : [endOfDayTimestamp(scope.through)];
  const before = scope.through === null ? '' : 'd.occurred_at < CAST($1 AS TIMESTAMP) AND ';
  const only = scope.only;
  // An anonymous subscription event counts for the customer its id is linked to by the end of the day;
  // a linked customer with no subscription event of their own has no number yet, and gets a negative one.
  const read =
    scope.through !== null && (await hasAnonymousEvents(store))
      ? `WITH ${linksSql(store.dialect)},
        linked AS (
          SELECT l.anonymous_id, coalesce(c.no, -CAST(dense_rank() OVER (ORDER BY ${byText(store.dialect, 'l.customer_id')}) AS INTEGER)) AS customer_no
          FROM links l LEFT JOIN ${customers} c ON c.key = l.customer_id),
        resolved AS (
          SELECT coalesce(d.customer_no, k.customer_no) AS customer_no, CASE WHEN d.customer_no IS NULL THEN 1 ELSE 0 END AS anonymous,
            d.occurred_at, d.${columns.split(', ').join(', d.')}
          FROM ${derived} d LEFT JOIN linked k ON d.customer_no IS NULL AND k.anonymous_id = d.anonymous_id
          WHERE ${before}(d.customer_no IS NOT NULL OR k.customer_no IS NOT NULL))
      SELECT customer_no, ${columns} FROM resolved
      ${only ? `WHERE customer_no IN (${only.customers})${only.linked ? ' OR customer_no IN (SELECT customer_no FROM resolved WHERE anonymous = 1)' : ''}` : ''}
      ORDER BY customer_no, subscription_no, occurred_at`
      : `SELECT d.customer_no, d.${columns.split(', ').join(', d.')} FROM ${derived} d
      WHERE ${before}d.customer_no IS NOT NULL${only ? ` AND d.customer_no IN (${only.customers})` : ''}
      ORDER BY d.customer_no, d.subscription_no, d.occurred_at`;
  let customer = Number.NaN;
  let subscription = Number.NaN;
  let current: CustomerSubscriptions | null = null;
  let events: SubscriptionEvent[] = [];
  const pending: Promise<void>[] = [];
  const handOver = (customer: CustomerSubscriptions) => {
    const done = onCustomer(customer);
    if (done) pending.push(done);
  };
  await readNumberColumns(store, read, params, 11, async (columns, rowCount) => {
    // Columns: customer, subscription, day, kind, plan, product, amount, interval, interval count, trial, status.
    const [customers, subscriptions, days, kinds, planNos, products, amounts, intervals, counts, trials, statuses] = columns as NumberColumn[];
    for (let r = 0; r < rowCount; r++) {
      const customerNo = customers![r]!;
      const subscriptionNo = subscriptions![r]!;
      if (customerNo !== customer) {
        if (current) handOver(current);
        current = { customerNo, subscriptions: [] };
        customer = customerNo;
        subscription = Number.NaN;
      }
      if (subscriptionNo !== subscription) {
        events = [];
        current?.subscriptions.push(events);
        subscription = subscriptionNo;
      }
      const amount = amounts![r]!;
      const intervalCount = counts![r]!;
      const status = statuses![r]!;
      events.push({
        day: days![r]!,
        kind: subscriptionEventKinds[kinds![r]!] ?? 'changed',
        plan: plans[planNos![r]!] ?? null,
        subscriptionKind: products![r] === 1 ? 'product' : 'service',
        amount: amount < 0 ? null : amount,
        interval: billingIntervalCodes[intervals![r]!] ?? null,
        intervalCount: intervalCount < 1 ? null : intervalCount,
        trial: trials![r] === 1,
        status: status === 0 ? 'paused' : status === 1 ? 'active' : null,
      });
    }
    // A writer's work for this batch lands before the next one is read.
    await Promise.all(pending.splice(0));
  });
  if (current) await onCustomer(current);
}

/** The plans' names by their number in the derived table's dictionary. */
export async function planNames(store: Store): Promise<string[]> {
  const rows = await store.query<{ key: string; no: number }>(`SELECT key, no FROM ${dictionaryTable(subscriptionEventsTable, 'plans')}`);
  return rows.reduce<string[]>((list, row) => ((list[Number(row.no)] = row.key), list), []);
}

/** A column of a batch as numbers, row by row. */
type NumberColumn = ArrayLike<number>;

/**
 * Streams a query whose columns are all numbers (no NULLs), handing each batch over column by column.
 * DuckDB's INTEGER and DOUBLE vectors keep their values in a typed array, which is read directly (a
 * vector of another type, or a future version without that array, is read value by value); PostgreSQL's
 * rows come from a cursor. `params` are text values for the query's `$1, $2...`.
 */
async function readNumberColumns(
  store: Store,
  sql: string,
  params: readonly string[],
  width: number,
  onBatch: (columns: readonly NumberColumn[], rowCount: number) => Promise<void>,
): Promise<void> {
  if (store instanceof DuckDbStore) {
    const result = await store.connection.stream(sql, [...params]);
    for (;;) {
      const chunk = await result.fetchChunk();
      const rowCount = chunk?.rowCount ?? 0;
      if (!chunk || rowCount === 0) break;
      const columns = Array.from({ length: width }, (_, c): NumberColumn => {
        const vector = chunk.getColumnVector(c);
        const items = (vector as unknown as { items?: unknown }).items;
        if ((items instanceof Int32Array || items instanceof Float64Array) && items.length >= rowCount) return items;
        return Array.from({ length: rowCount }, (_, r) => Number(vector.getItem(r)));
      });
      await onBatch(columns, rowCount);
    }
    return;
  }
  await readBatches(store, sql, 8192, async (rows) => onBatch(Array.from({ length: width }, (_, c) => rows.map((row) => Number(row[c]))), rows.length), params);
}
