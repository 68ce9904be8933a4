/**
 * Streams facts rows out of the store as `CustomerFacts` objects, in batches. On DuckDB each chunk's
 * values are read straight from its column vectors, several times faster than row by row; PostgreSQL's
 * rows come from a cursor (read-batches.ts). -1 in a nullable column is the query's spelling of NULL
 * (customer-facts.ts).
 */
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { readBatches } from '../store/read-batches.js';
import type { Store } from '../store/store.js';
import type { CustomerFacts } from './customer-facts.js';

/** A column of a batch: a DuckDB vector of one chunk, or an array. */
interface Column {
  getItem(index: number): unknown;
}

const arrayColumn = (values: readonly unknown[]): Column => ({ getItem: (index) => values[index] });

const opt = (value: unknown): number | null => (value === null || (value as number) < 0 ? null : (value as number));

/**
 * Appends one object per row to `out`, each with the same shape (a literal with every field), so the
 * rules read monomorphic objects; `columns` are the query's columns by name.
 */
function appendFacts(out: CustomerFacts[], columns: Readonly<Record<keyof CustomerFacts, Column>>, rowCount: number): void {
  const c = columns;
  for (let r = 0; r < rowCount; r++) {
    out.push({
      customer_id: c.customer_id.getItem(r) as string,
      anonymous: c.anonymous.getItem(r) as boolean,
      events: c.events.getItem(r) as number,
      first_direct: opt(c.first_direct.getItem(r)),
      last_activity: opt(c.last_activity.getItem(r)),
      activity_before_recent_days: opt(c.activity_before_recent_days.getItem(r)),
      first_recent_activity_days: opt(c.first_recent_activity_days.getItem(r)),
      orders: c.orders.getItem(r) as number,
      revenue: c.revenue.getItem(r) as number,
      full_price_orders: c.full_price_orders.getItem(r) as number,
      first_order_days: opt(c.first_order_days.getItem(r)),
      last_order_days: opt(c.last_order_days.getItem(r)),
      retention_orders: c.retention_orders.getItem(r) as number,
      rfm_orders: c.rfm_orders.getItem(r) as number,
      rfm_revenue: c.rfm_revenue.getItem(r) as number,
      loyalty_purchases: c.loyalty_purchases.getItem(r) as number,
      loyalty_first_purchase_days: opt(c.loyalty_first_purchase_days.getItem(r)),
      product_paid: opt(c.product_paid.getItem(r)),
      product_cancelled_days: opt(c.product_cancelled_days.getItem(r)),
      service_paid: opt(c.service_paid.getItem(r)),
      service_cancelled_days: opt(c.service_cancelled_days.getItem(r)),
      retention_renewals: c.retention_renewals.getItem(r) as number,
      window_tickets: c.window_tickets.getItem(r) as number,
      window_contacts: c.window_contacts.getItem(r) as number,
      advocacy_referrals: c.advocacy_referrals.getItem(r) as number,
      advocacy_good_reviews: c.advocacy_good_reviews.getItem(r) as number,
      latest_nps: opt(c.latest_nps.getItem(r)),
      probability_alive: opt(c.probability_alive.getItem(r)),
      expected_purchases: opt(c.expected_purchases.getItem(r)),
      clv: opt(c.clv.getItem(r)),
    });
  }
}

function byName(names: readonly (keyof CustomerFacts)[], columns: readonly Column[]): Record<keyof CustomerFacts, Column> {
  const named = Object.fromEntries(names.map((name, i) => [name, columns[i]]));
  for (const name of names) if (!named[name]) throw new Error(`the facts query has no column ${name}`);
  return named as Record<keyof CustomerFacts, Column>;
}

/** Positional rows (the query's columns in order) as facts. */
export function rowsToFacts(rows: readonly (readonly unknown[])[], names: readonly (keyof CustomerFacts)[]): CustomerFacts[] {
  const out: CustomerFacts[] = [];
  appendFacts(out, byName(names, names.map((_, i) => arrayColumn(rows.map((row) => row[i])))), rows.length);
  return out;
}

export async function readFacts(
  store: Store,
  sql: string,
  names: readonly (keyof CustomerFacts)[],
  batchSize: number,
  onBatch: (facts: CustomerFacts[]) => Promise<void>,
): Promise<void> {
  if (!(store instanceof DuckDbStore)) return readBatches(store, sql, batchSize, (rows) => onBatch(rowsToFacts(rows, names)));
  const result = await store.connection.stream(sql);
  let batch: CustomerFacts[] = [];
  for (;;) {
    const chunk = await result.fetchChunk();
    const rowCount = chunk?.rowCount ?? 0;
    if (!chunk || rowCount === 0) break;
    // The vectors' own getItem: converting whole columns to arrays first (getColumns) costs half as much again.
    appendFacts(batch, byName(names, names.map((_, i) => chunk.getColumnVector(i))), rowCount);
    if (batch.length >= batchSize) {
      await onBatch(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await onBatch(batch);
}
