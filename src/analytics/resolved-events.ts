import { argMin, type Dialect } from '../store/sql-dialect.js';
import type { Store } from '../store/store.js';

/** Every column of `events`, in table order: explicit so the anonymous branch can swap in the linked customer on both engines. */
const eventColumns = [
  'event_id', 'kind', 'customer_id', 'anonymous_id', 'occurred_at', 'amount', 'order_id', 'channel', 'platform',
  'full_price', 'properties', 'import_id', 'source_row',
] as const;

export interface ResolvedEventsOptions {
  anonymous: boolean;
  /** The engine the SQL is for; default DuckDB. */
  dialect?: Dialect;
}

/**
 * Events with their customer resolved as of a date: an event that carries only an anonymous id belongs
 * to the customer that anonymous id was linked to (by any event carrying both ids, such as an identify or
 * alias) before the as-of date. The log itself is never rewritten.
 *
 * Returns a CTE body; `$1` must be the exclusive end of the as-of day.
 */
export function resolvedEventsSql(kindFilter: string, options: ResolvedEventsOptions = { anonymous: true }): string {
  const dialect = options.dialect ?? 'duckdb';
  const identified = `SELECT ${eventColumns.map((c) => `e.${c}`).join(', ')} FROM events e WHERE ${kindFilter} AND e.occurred_at < $1 AND e.customer_id IS NOT NULL`;
  if (!options.anonymous) return `resolved AS (${identified})`;
  // Identified events (nearly all of them) skip the join; only anonymous ones look up a link.
  return `${linksSql(dialect)},
    resolved AS (
      ${identified}
      UNION ALL
      SELECT ${eventColumns.map((c) => (c === 'customer_id' ? 'l.customer_id' : `e.${c}`)).join(', ')}
      FROM events e JOIN links l ON l.anonymous_id = e.anonymous_id
      WHERE ${kindFilter} AND e.occurred_at < $1 AND e.customer_id IS NULL)`;
}

/**
 * The CTE `links`: each anonymous id linked to a customer before `end` (default `$1`, the exclusive end of
 * the as-of day), with the first customer it was seen with; with `linkedDay` (an expression of
 * `occurred_at`), also the column `linked`: the day of the first link, for queries that follow days.
 */
export function linksSql(dialect: Dialect, options: { end?: string; linkedDay?: string } = {}): string {
  return `links AS (
      SELECT anonymous_id, ${argMin(dialect, 'customer_id', 'occurred_at')} AS customer_id${options.linkedDay ? `, min(${options.linkedDay}) AS linked` : ''}
      FROM events
      WHERE anonymous_id IS NOT NULL AND customer_id IS NOT NULL AND occurred_at < ${options.end ?? '$1'}
      GROUP BY anonymous_id)`;
}

/** Whether any event is anonymous; when none is, queries leave identity resolution out entirely. */
export async function hasAnonymousEvents(store: Store): Promise<boolean> {
  const [row] = await store.query<{ n: number }>('SELECT count(*) AS n FROM (SELECT 1 FROM events WHERE customer_id IS NULL LIMIT 1) t');
  return (row?.n ?? 0) > 0;
}
