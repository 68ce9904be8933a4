/**
 * Where each table of the store lives on a Citus cluster. Every table the migrations make has an entry,
 * and a table without one makes `tenure db distribute` refuse (and `table-placement.test.ts` fail), so a
 * new table cannot reach a cluster unplaced.
 *
 * - `distributed`: per-customer data, hash-distributed by the customer and co-located with `events`, so
 *   every join and aggregation per customer runs inside one shard on one worker.
 * - `reference`: small configuration and operational tables, one shard copied to every worker, so a
 *   shard-local query can join them where it runs.
 * - `local`: stays an ordinary table on the coordinator; nothing on a worker reads it.
 *
 * See docs/scaling.md for the reasoning behind each choice.
 */

export type TablePlacement =
  | { readonly kind: 'distributed'; readonly column: string; readonly colocateWith: 'none' | 'events'; readonly why: string }
  | { readonly kind: 'reference'; readonly why: string }
  | { readonly kind: 'local'; readonly why: string };

/**
 * The column `events` is distributed by. Citus refuses NULL in a distribution column, and an anonymous
 * event has no customer_id, so the event log gets this key (see `placementKeyStatements`): the customer
 * the event counts for once its anonymous id is linked, else `'anon:' || anonymous_id`.
 */
export const placementKeyColumn = 'customer_key';

export const tablePlacements: Readonly<Record<string, TablePlacement>> = {
  events: {
    kind: 'distributed',
    column: placementKeyColumn,
    colocateWith: 'none',
    why: 'the event log; a customer\'s events, anonymous ones once linked included, sit on one shard',
  },
  customers: {
    kind: 'distributed',
    column: 'customer_id',
    colocateWith: 'events',
    why: 'one row per customer, joined to the events by customer',
  },
  customer_scores: {
    kind: 'distributed',
    column: 'customer_id',
    colocateWith: 'events',
    why: 'one row per customer per fit, written and read by customer',
  },
  settings: { kind: 'reference', why: 'configuration (the reporting currency), read by queries on any node' },
  imports: { kind: 'reference', why: 'one row per import; events carry its import_id' },
  rejects: { kind: 'reference', why: 'rows an import could not store; few, and read only by status' },
  model_fits: { kind: 'reference', why: 'one row per fit; customer_scores carry its fit_id' },
  segments: { kind: 'reference', why: 'saved segment definitions: a few rows, read with any query' },
  derived_tables: {
    kind: 'local',
    why: 'the bookkeeping of the derived tables, read and written only by their refresh on the coordinator',
  },
  schema_migrations: {
    kind: 'local',
    why: 'Tenure\'s own bookkeeping, read and written only by migrations on the coordinator',
  },
};

/**
 * The derived tables (store/derived-tables.ts: `derived_*`, made on first use and rebuilt from the event
 * log at will) stay on the coordinator for now: their refresh reads the distributed events there.
 */
const derivedPlacement: TablePlacement = {
  kind: 'local',
  why: 'derived from the event log and rebuilt on demand; refreshed on the coordinator from the distributed events',
};

/** Where a table lives: its entry, or the derived tables' place for a `derived_*` table; undefined when unplaced. */
export function placementOf(table: string): TablePlacement | undefined {
  return tablePlacements[table] ?? (table.startsWith('derived_') ? derivedPlacement : undefined);
}

/** Tables in the store that the plan does not place, in name order: a newer schema than this Tenure's plan. */
export function unplacedTables(tables: readonly string[]): string[] {
  return tables.filter((t) => placementOf(t) === undefined).sort();
}
