/** `tenure status`: what the store holds, in one pass over the event log. */
import { byText, double } from '../store/sql-dialect.js';
import type { Store } from '../store/store.js';

export interface StoreStatus {
  customers: number;
  anonymousProspects: number;
  events: number;
  orders: number;
  /** Gross order revenue in the reporting currency. */
  revenue: number;
  refunds: number;
  currency: string;
  firstEvent: string | null;
  lastEvent: string | null;
  eventsByKind: Record<string, number>;
  rejects: number;
  imports: number;
}

export async function storeStatus(store: Store): Promise<StoreStatus> {
  const [totals] = await store.query<{
    customers: number; anonymous: number; events: number; orders: number; revenue: number | null; refunds: number | null; first: Date | null; last: Date | null;
  }>(`WITH linked AS (SELECT DISTINCT anonymous_id FROM events WHERE anonymous_id IS NOT NULL AND customer_id IS NOT NULL)
    SELECT count(DISTINCT customer_id) AS customers,
      (SELECT count(DISTINCT anonymous_id) FROM events WHERE customer_id IS NULL AND anonymous_id NOT IN (SELECT anonymous_id FROM linked)) AS anonymous,
      count(*) AS events,
      count(*) FILTER (WHERE kind = 'order_completed') AS orders,
      ${double(store.dialect, `sum(amount) FILTER (WHERE kind = 'order_completed')`)} AS revenue,
      ${double(store.dialect, `sum(amount) FILTER (WHERE kind = 'order_refunded')`)} AS refunds,
      min(occurred_at) AS first, max(occurred_at) AS last
    FROM events`);
  const kinds = await store.query<{ kind: string; n: number }>(`SELECT kind, count(*) AS n FROM events GROUP BY kind ORDER BY ${byText(store.dialect, 'kind')}`);
  const [meta] = await store.query<{ rejects: number; imports: number; currency: string }>(`SELECT
      (SELECT count(*) FROM rejects) AS rejects, (SELECT count(*) FROM imports) AS imports,
      (SELECT value FROM settings WHERE key = 'reporting_currency') AS currency`);
  return {
    customers: totals?.customers ?? 0,
    anonymousProspects: totals?.anonymous ?? 0,
    events: totals?.events ?? 0,
    orders: totals?.orders ?? 0,
    revenue: Math.round((totals?.revenue ?? 0) * 100) / 100,
    refunds: Math.round((totals?.refunds ?? 0) * 100) / 100,
    currency: meta?.currency ?? 'USD',
    firstEvent: totals?.first ? totals.first.toISOString() : null,
    lastEvent: totals?.last ? totals.last.toISOString() : null,
    eventsByKind: Object.fromEntries(kinds.map((k) => [k.kind, k.n])),
    rejects: meta?.rejects ?? 0,
    imports: meta?.imports ?? 0,
  };
}
