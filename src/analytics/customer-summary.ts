/**
 * Per-customer purchase summary as of a date, in the conventions of the CLV literature (Fader, Hardie and
 * Lee 2005; the `lifetimes` library's summary_data_from_transaction_data):
 * - purchases on the same day are one transaction;
 * - frequency = distinct purchase days up to and including the as-of date, minus one (repeat transactions);
 * - recency = last minus first purchase day, T = as-of date minus first purchase day, both in the unit;
 * - monetary_value = mean value of the repeat transactions (0 when frequency is 0).
 * Plus the facts later capabilities need: orders, revenue, average order value, full-price share,
 * first and last purchase, days since the last purchase.
 */
import { argMin, byText, divide, double, formatDate, type Dialect } from '../store/sql-dialect.js';
import type { Store } from '../store/store.js';
import { hasAnonymousEvents, resolvedEventsSql } from './resolved-events.js';
import { endOfDay, timeUnits, type TimeUnit } from './time-unit.js';

export interface CustomerSummaryRow {
  customer_id: string;
  frequency: number;
  recency: number;
  T: number;
  monetary_value: number;
  orders: number;
  revenue: number;
  average_order_value: number;
  full_price_share: number;
  first_purchase: string;
  last_purchase: string;
  days_since_last_purchase: number;
}

export interface CustomerSummaryOptions {
  asOf: string;
  unit?: TimeUnit;
  /** Whether the store has anonymous events to resolve (see `hasAnonymousEvents`); default true. */
  anonymous?: boolean;
  /** The engine the SQL is for; default DuckDB (`customerSummary` passes its store's). */
  dialect?: Dialect;
}

/** The summary as one SQL query and its parameters (so it can be listed, streamed or materialised). */
export function customerSummarySql(options: CustomerSummaryOptions): { sql: string; params: [Date, string] } {
  const unitDays = timeUnits[options.unit ?? 'week'];
  const dialect = options.dialect ?? 'duckdb';
  const sql = `WITH ${resolvedEventsSql(`e.kind = 'order_completed'`, { anonymous: options.anonymous ?? true, dialect })},
    days AS (
      SELECT customer_id, CAST(occurred_at AS DATE) AS day, sum(amount) AS value, count(*) AS orders,
        count(*) FILTER (WHERE full_price) AS full_price_orders
      FROM resolved WHERE customer_id IS NOT NULL
      GROUP BY customer_id, CAST(occurred_at AS DATE))
    SELECT customer_id,
      CAST(count(*) - 1 AS INTEGER) AS frequency,
      ${double(dialect, 'max(day) - min(day)')} / ${unitDays} AS recency,
      ${double(dialect, 'CAST($2 AS DATE) - min(day)')} / ${unitDays} AS "T",
      CASE WHEN count(*) > 1 THEN ${double(dialect, divide(dialect, `sum(value) - ${argMin(dialect, 'value', 'day')}`, 'count(*) - 1'))} ELSE 0 END AS monetary_value,
      CAST(sum(orders) AS INTEGER) AS orders,
      ${double(dialect, 'sum(value)')} AS revenue,
      ${double(dialect, divide(dialect, 'sum(value)', 'sum(orders)'))} AS average_order_value,
      ${double(dialect, 'sum(full_price_orders)')} / sum(orders) AS full_price_share,
      ${formatDate(dialect, 'min(day)')} AS first_purchase,
      ${formatDate(dialect, 'max(day)')} AS last_purchase,
      CAST(CAST($2 AS DATE) - max(day) AS INTEGER) AS days_since_last_purchase
    FROM days
    GROUP BY customer_id`;
  return { sql, params: [endOfDay(options.asOf), options.asOf] };
}

export async function customerSummary(store: Store, options: CustomerSummaryOptions): Promise<CustomerSummaryRow[]> {
  const { sql, params } = customerSummarySql({ anonymous: await hasAnonymousEvents(store), dialect: store.dialect, ...options });
  return store.query<CustomerSummaryRow & Record<string, unknown>>(`${sql} ORDER BY ${byText(store.dialect, 'customer_id')}`, params);
}
