/**
 * The yardstick of the speed targets: one grouped scan of the events (count and latest event per
 * customer), materialised in a temp table, timed alone, and dropped again. Every benchmark that prints a
 * ratio "to one grouped scan" measures it here, so the ratios are to the same thing.
 */
import { resolvedEventsSql } from '../src/analytics/resolved-events.js';
import { endOfDay } from '../src/analytics/time-unit.js';
import type { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { timed } from './memory-sampler.js';

export interface GroupedScanOptions {
  /** Only the events that satisfy this condition (the subscription events, say). */
  where?: string;
  /** The events with identity resolved as of this day, as the lifecycle reports read them. */
  resolvedAsOf?: { asOf: string; anonymous: boolean };
}

/** Seconds for one grouped scan of the events. */
export async function groupedScanSeconds(store: DuckDbStore, options: GroupedScanOptions = {}): Promise<number> {
  const where = options.where ?? 'TRUE';
  const resolved = options.resolvedAsOf;
  const sql = resolved
    ? `WITH ${resolvedEventsSql(where, { anonymous: resolved.anonymous, dialect: 'duckdb' })}
       SELECT customer_id, count(*) AS events, max(occurred_at) AS last_seen FROM resolved GROUP BY customer_id`
    : `SELECT customer_id, count(*) AS events, max(occurred_at) AS last_seen FROM events WHERE ${where} GROUP BY customer_id`;
  const params = resolved ? [endOfDay(resolved.asOf)] : [];
  const run = await timed(() => store.run(`CREATE OR REPLACE TEMP TABLE grouped_scan AS ${sql}`, params));
  await store.run('DROP TABLE grouped_scan');
  return run.seconds;
}
