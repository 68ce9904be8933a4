/**
 * `tenure db distribute`: reads what a PostgreSQL store is (its tables, whether Citus is there and how it
 * holds each table), plans the rest (`distribution-plan.ts`) and runs it, or only returns it for a dry run.
 *
 * Refuses, with what to do instead, a DuckDB store, a database without the citus extension (unless it is
 * a dry run: the plan is the same SQL with or without Citus) and a store whose tables the plan does not
 * know. Only a run that goes ahead migrates the store first; a refusal or a dry run changes nothing.
 */
import { isPostgresUrl } from '../open-store.js';
import { migrations } from '../migrations/index.js';
import { PostgresStore } from '../postgres/postgres-store.js';
import type { Store } from '../store.js';
import { describe, distributionPlan, type CitusTable, type DistributionPlan, type PlanOptions, type StoreLayout } from './distribution-plan.js';
import { placementKeyColumn, tablePlacements } from './table-placement.js';

export interface CitusInfo {
  /** The version of the citus extension created in this database, or null. */
  installed: string | null;
  /** The version the server could create (pg_available_extensions), or null when Citus is not installed on it. */
  available: string | null;
  /** Active primary worker nodes, when Citus is installed. */
  workers: number | null;
}

export interface DistributeReport {
  location: string;
  dryRun: boolean;
  citus: CitusInfo;
  tables: { table: string; placement: string; why: string }[];
  /** The statements run (or, for a dry run, that would run), step by step. */
  steps: { title: string; transaction: boolean; statements: string[]; seconds?: number }[];
  /** After a run: the distributed tables and their co-location group (one group for all, or something is wrong). */
  colocation?: { table: string; column: string; colocationId: number }[];
}

export interface DistributeOptions extends PlanOptions {
  dryRun?: boolean;
  /** Called as each step starts, for progress output. */
  onStep?: (title: string) => void;
}

export async function distributeStore(location: string, options: DistributeOptions = {}): Promise<DistributeReport> {
  if (!isPostgresUrl(location)) {
    throw new Error(
      `distribution is for PostgreSQL with Citus, and ${location} is a DuckDB file: copy the store to the Citus coordinator ` +
        `with tenure db copy --from ${location} --to postgres://user@host/db, then run tenure db distribute --db postgres://user@host/db`,
    );
  }
  if (options.shardCount !== undefined && !(Number.isInteger(options.shardCount) && options.shardCount >= 1 && options.shardCount <= 64_000)) {
    throw new Error('--shard-count must be a whole number from 1 to 64000 (Citus suggests 2 to 4 times the workers\' CPU cores)');
  }
  const dryRun = options.dryRun ?? false;
  // Look before migrating: a refusal, like a dry run, leaves the database as it was.
  let store = await PostgresStore.open(location, { migrate: false });
  try {
    const citus = await citusInfo(store);
    if (!citus.installed && !dryRun) throw new Error(noCitusMessage(store.location, citus));
    if (dryRun) await requireCurrentSchema(store);
    else {
      await store.close();
      store = await PostgresStore.open(location);
    }
    const layout = await readLayout(store, citus);
    const plan = distributionPlan(layout, options);
    if (plan.conflicts.length > 0) throw new Error(`cannot distribute ${store.location}: ${plan.conflicts.join('; ')}`);
    if (layout.placementKeyReady === false && !layout.citus.events) await requireAnId(store);
    const report: DistributeReport = {
      location: store.location,
      dryRun,
      citus,
      tables: Object.entries(tablePlacements).map(([table, placement]) => ({ table, placement: describe(placement, options), why: placement.why })),
      steps: plan.steps.map((s) => ({ title: s.title, transaction: s.transaction, statements: [...s.statements] })),
    };
    if (dryRun) return report;
    report.steps = await runPlan(store, plan, options.onStep);
    report.colocation = await colocation(store);
    const groups = new Set(report.colocation.map((c) => c.colocationId));
    if (groups.size !== 1) {
      const found = report.colocation.map((c) => `${c.table} in group ${c.colocationId}`).join(', ');
      throw new Error(`distributed ${store.location}, but the customer tables are not in one co-location group (${found}): joins by customer would leave their shard`);
    }
    return report;
  } finally {
    await store.close();
  }
}

async function runPlan(store: Store, plan: DistributionPlan, onStep?: (title: string) => void): Promise<DistributeReport['steps']> {
  const done: DistributeReport['steps'] = [];
  for (const step of plan.steps) {
    onStep?.(step.title);
    const started = performance.now();
    const run = async (s: Store) => {
      for (const statement of step.statements) await s.run(statement);
    };
    // Each create_distributed_table is atomic on its own; a failure leaves the tables before it placed,
    // and running the command again continues from there.
    if (step.transaction) await store.transaction(run);
    else await run(store);
    done.push({ title: step.title, transaction: step.transaction, statements: [...step.statements], seconds: (performance.now() - started) / 1000 });
  }
  return done;
}

function noCitusMessage(location: string, citus: CitusInfo): string {
  const what = citus.available
    ? `the citus extension (${citus.available}) is installed on the server but not created in this database: run CREATE EXTENSION citus as a superuser, ` +
      'add the workers with SELECT citus_add_node(host, port), then run this again'
    : 'the server has no citus extension: distribution needs PostgreSQL with Citus on the coordinator and every worker (see docs/scaling.md)';
  return `cannot distribute ${location}: ${what}. tenure db distribute --dry-run prints the statements without running them`;
}

async function citusInfo(store: Store): Promise<CitusInfo> {
  const [installed] = await store.query<{ version: string }>(`SELECT extversion AS version FROM pg_extension WHERE extname = 'citus'`);
  const [available] = await store.query<{ version: string }>(`SELECT default_version AS version FROM pg_available_extensions WHERE name = 'citus'`);
  let workers: number | null = null;
  if (installed) {
    const [row] = await store.query<{ n: number }>(`SELECT count(*) AS n FROM pg_dist_node WHERE noderole = 'primary' AND isactive AND groupid <> 0`);
    workers = row?.n ?? 0;
  }
  return { installed: installed?.version ?? null, available: available?.version ?? null, workers };
}

/**
 * A row of pg_dist_partition as the plan sees it: partmethod 'h' is hash-distributed; 'n' (none) with
 * repmodel 't' (two-phase commit to every copy) is a reference table, and otherwise a Citus local table.
 */
export function citusTableOf(row: { method: string; model: string; column: string | null; colocation: number }): CitusTable {
  if (row.method === 'h' && row.column) return { kind: 'distributed', column: row.column, colocationId: row.colocation };
  return row.model === 't' ? { kind: 'reference' } : { kind: 'citus-local' };
}

async function readLayout(store: Store, citus: CitusInfo): Promise<StoreLayout> {
  const names = (await store.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  )).map((r) => r.name);
  // On a coordinator that also holds shards, shard tables (events_102008) may be listed beside their table.
  const tables = names.filter((n) => !/^(.+)_\d+$/.test(n) || !names.includes(n.replace(/_\d+$/, '')));
  const held: Record<string, CitusTable> = {};
  if (citus.installed) {
    const rows = await store.query<{ name: string; method: string; model: string; column: string | null; colocation: number }>(
      `SELECT c.relname AS name, p.partmethod AS method, p.repmodel AS model, p.colocationid AS colocation,
         CASE WHEN p.partmethod = 'h' THEN column_to_column_name(p.logicalrelid, p.partkey) END AS "column"
       FROM pg_dist_partition p JOIN pg_class c ON c.oid = CAST(p.logicalrelid AS oid)
       WHERE c.relnamespace = CAST(current_schema() AS regnamespace)`,
    );
    for (const r of rows) held[r.name] = citusTableOf(r);
  }
  const [key] = await store.query<{ nullable: string }>(
    `SELECT is_nullable AS nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'events' AND column_name = $1`,
    [placementKeyColumn],
  );
  return { tables, citus: held, placementKeyReady: key?.nullable === 'NO' };
}

/** A dry run does not migrate, so it plans only for a store whose schema is this Tenure's. */
async function requireCurrentSchema(store: Store): Promise<void> {
  const [exists] = await store.query<{ n: number }>(
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'`,
  );
  if (!exists?.n) throw new Error(`there is no Tenure store at ${store.location} (no schema_migrations table): copy one there with tenure db copy first`);
  const [row] = await store.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
  const latest = Math.max(...migrations.map((m) => m.version));
  if ((row?.version ?? 0) !== latest) {
    throw new Error(
      `the store ${store.location} is at schema ${row?.version ?? 0} and this Tenure plans for schema ${latest}: ` +
        'a dry run changes nothing, so migrate first (tenure status --db URL opens and migrates it)',
    );
  }
}

/** Every event needs a placement key; the importer rejects a row with neither id, but a store may have been filled otherwise. */
async function requireAnId(store: Store): Promise<void> {
  const [row] = await store.query<{ n: number }>('SELECT count(*) AS n FROM events WHERE customer_id IS NULL AND anonymous_id IS NULL');
  if (row && row.n > 0) {
    throw new Error(`cannot distribute ${store.location}: ${row.n} events have neither a customer_id nor an anonymous_id, so they belong to no customer and no shard`);
  }
}

async function colocation(store: Store): Promise<NonNullable<DistributeReport['colocation']>> {
  return store.query(
    `SELECT c.relname AS "table", column_to_column_name(p.logicalrelid, p.partkey) AS "column", p.colocationid AS "colocationId"
     FROM pg_dist_partition p JOIN pg_class c ON c.oid = CAST(p.logicalrelid AS oid)
     WHERE c.relnamespace = CAST(current_schema() AS regnamespace) AND p.partmethod = 'h'
     ORDER BY c.relname`,
  );
}
