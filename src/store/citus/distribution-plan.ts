/**
 * The statements that turn a PostgreSQL store on a Citus coordinator into a distributed one, from what the
 * store already is: steps already taken are left out, so a run that stopped halfway can be run again.
 * Pure: `distribute-store.ts` reads the store and runs the plan, `--dry-run` prints it.
 */
import { placementKeyColumn, placementOf, unplacedTables, type TablePlacement } from './table-placement.js';

/** How Citus already holds a table (from pg_dist_partition); absent for an ordinary table. */
export type CitusTable =
  | { readonly kind: 'distributed'; readonly column: string; readonly colocationId: number }
  | { readonly kind: 'reference' }
  /** A table Citus tracks on the coordinator only (a "citus local table"), which the plan never makes. */
  | { readonly kind: 'citus-local' };

export interface StoreLayout {
  /** The tables of the store's schema. */
  readonly tables: readonly string[];
  readonly citus: Readonly<Record<string, CitusTable>>;
  /** Whether `events` already has its placement key, filled and NOT NULL. */
  readonly placementKeyReady: boolean;
}

export interface PlanOptions {
  /** Shards of the co-location group; default: the cluster's citus.shard_count (32 unless changed). */
  readonly shardCount?: number | undefined;
}

export interface PlanStep {
  readonly title: string;
  /** Whether the statements run in one transaction (all land or none). */
  readonly transaction: boolean;
  readonly statements: readonly string[];
}

export interface DistributionPlan {
  readonly steps: readonly PlanStep[];
  /** Why the plan cannot be applied as it stands (unknown tables, tables already placed otherwise). */
  readonly conflicts: readonly string[];
}

/** Reference tables first (small and quick), then the event log, then the tables co-located with it. */
const order = ['settings', 'imports', 'rejects', 'model_fits', 'events', 'customers', 'customer_scores', 'schema_migrations'];

export function distributionPlan(layout: StoreLayout, options: PlanOptions = {}): DistributionPlan {
  const conflicts = unplacedTables(layout.tables).map(
    (t) => `the table ${t} has no place in this Tenure's distribution plan (src/store/citus/table-placement.ts): is the store from a newer Tenure?`,
  );
  for (const table of order) if (!layout.tables.includes(table)) conflicts.push(`the store has no ${table} table: is it a Tenure store, migrated?`);
  const steps: PlanStep[] = [];
  const eventsHeld = layout.citus.events;
  if (!layout.placementKeyReady && !eventsHeld) {
    steps.push({ title: `events: add and fill the placement key ${placementKeyColumn}`, transaction: true, statements: placementKeyStatements() });
  }
  for (const table of order) {
    const placement = placementOf(table);
    if (!placement || !layout.tables.includes(table)) continue;
    const held = layout.citus[table];
    const conflict = held && mismatch(table, placement, held, layout.citus.events);
    if (conflict) {
      conflicts.push(conflict);
      continue;
    }
    if (held || placement.kind === 'local') continue;
    steps.push({ title: `${table}: ${describe(placement, options)}`, transaction: false, statements: placementStatements(table, placement, options) });
  }
  return { steps, conflicts };
}

/** What a placement means, in words, for the plan and the report. */
export function describe(placement: TablePlacement, options: PlanOptions = {}): string {
  if (placement.kind === 'reference') return 'reference table (copied to every worker)';
  if (placement.kind === 'local') return 'stays a local table on the coordinator';
  const shards = options.shardCount ? `${options.shardCount} shards` : 'citus.shard_count shards';
  return placement.colocateWith === 'none'
    ? `distributed by ${placement.column}, ${shards}`
    : `distributed by ${placement.column}, co-located with ${placement.colocateWith}`;
}

/**
 * The placement key of the event log (see docs/scaling.md, "Anonymous events"): the customer id; for an
 * anonymous event, the customer its anonymous id was first linked to (the earliest event carrying both
 * ids; ties go to the smaller customer id); for one never linked, `'anon:' || anonymous_id`. The event
 * itself is not changed: customer_id stays NULL, and queries still apply a link only as of its date.
 */
export function placementKeyStatements(): string[] {
  return [
    `ALTER TABLE events ADD COLUMN IF NOT EXISTS ${placementKeyColumn} VARCHAR`,
    `COMMENT ON COLUMN events.${placementKeyColumn} IS 'Where the event is placed on a Citus cluster: customer_id, else the customer its anonymous_id was first linked to, else anon: and the anonymous_id. Not the event''s customer: see docs/scaling.md.'`,
    `UPDATE events SET ${placementKeyColumn} = coalesce(customer_id, 'anon:' || anonymous_id)`,
    `UPDATE events e SET ${placementKeyColumn} = l.customer_id
  FROM (SELECT anonymous_id, (array_agg(customer_id ORDER BY occurred_at, customer_id COLLATE "C"))[1] AS customer_id
        FROM events WHERE anonymous_id IS NOT NULL AND customer_id IS NOT NULL GROUP BY anonymous_id) l
  WHERE e.customer_id IS NULL AND e.anonymous_id = l.anonymous_id`,
    `ALTER TABLE events ALTER COLUMN ${placementKeyColumn} SET NOT NULL`,
  ];
}

function placementStatements(table: string, placement: TablePlacement, options: PlanOptions): string[] {
  let create: string;
  if (placement.kind === 'reference') create = `SELECT create_reference_table('${table}')`;
  else if (placement.kind === 'distributed') {
    // Citus takes a shard count only for a new co-location group; the tables joining it inherit it.
    const shards = placement.colocateWith === 'none' && options.shardCount ? `, shard_count => ${options.shardCount}` : '';
    create = `SELECT create_distributed_table('${table}', '${placement.column}', colocate_with => '${placement.colocateWith}'${shards})`;
  } else return [];
  // Distributing copies the rows to the shards and leaves the coordinator's own copy on disk, unread.
  return [create, `SELECT truncate_local_data_after_distributing_table('${table}')`];
}

function mismatch(table: string, placement: TablePlacement, held: CitusTable, events: CitusTable | undefined): string | undefined {
  const now = held.kind === 'distributed' ? `distributed by ${held.column}` : held.kind === 'reference' ? 'a reference table' : 'a Citus local table';
  const undo = `undo it with SELECT undistribute_table('${table}') and run again`;
  if (placement.kind === 'reference' && held.kind === 'reference') return undefined;
  if (placement.kind === 'distributed' && held.kind === 'distributed' && held.column === placement.column) {
    if (placement.colocateWith !== 'events' || events?.kind !== 'distributed' || events.colocationId === held.colocationId) return undefined;
    return `${table} is distributed by ${held.column} but not co-located with events, so joins by customer would not stay on one shard: ${undo}`;
  }
  return `${table} is already ${now}, and the plan makes it: ${describe(placement)}; ${undo}`;
}

/** The plan as SQL a person can review or run with psql, exactly what `tenure db distribute` runs. */
export function planScript(plan: Pick<DistributionPlan, 'steps'>): string {
  const lines: string[] = [];
  for (const step of plan.steps) {
    lines.push(`-- ${step.title}`);
    if (step.transaction) lines.push('BEGIN;');
    for (const statement of step.statements) lines.push(`${statement};`);
    if (step.transaction) lines.push('COMMIT;');
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
