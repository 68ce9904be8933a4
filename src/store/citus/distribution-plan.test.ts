/**
 * The distribution plan for the current schema, without Citus: every table the migrations make is placed,
 * the per-customer tables are co-located with the event log, and the statements are exactly these.
 * The schema is read from a real, migrated DuckDB store (the same tables PostgreSQL gets).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../testing/temp-store.js';
import { migrations, statementsFor } from '../migrations/index.js';
import { citusTableOf } from './distribute-store.js';
import { distributionPlan, placementKeyStatements, planScript, type StoreLayout } from './distribution-plan.js';
import { placementKeyColumn, tablePlacements, unplacedTables } from './table-placement.js';

let temp: TempStore;
let tables: string[];
let columns: { table: string; column: string; nullable: string }[];

beforeAll(async () => {
  temp = await tempStore();
  tables = (await temp.store.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1`)).map((r) => r.name);
  columns = await temp.store.query(
    `SELECT table_name AS "table", column_name AS "column", is_nullable AS nullable FROM information_schema.columns WHERE table_schema = 'main'`,
  );
});
afterAll(async () => temp.cleanup());

const fresh = (): StoreLayout => ({ tables, citus: {}, placementKeyReady: false });

describe('table placement', () => {
  it('places every table of a migrated store, and every table a migration creates on either engine', () => {
    expect(tables.length).toBeGreaterThanOrEqual(8);
    expect(unplacedTables(tables)).toEqual([]);
    const created = migrations.flatMap((m) => [...statementsFor(m, 'duckdb'), ...statementsFor(m, 'postgres')])
      .flatMap((s) => [...s.matchAll(/CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)/gi)].map((match) => match[1] ?? ''));
    expect(unplacedTables(created)).toEqual([]);
    // And nothing placed that the schema no longer has.
    expect(Object.keys(tablePlacements).sort()).toEqual([...tables].sort());
  });

  it('fails for a table the plan does not know, so a new table cannot reach a cluster unplaced', () => {
    expect(unplacedTables([...tables, 'customer_stages'])).toEqual(['customer_stages']);
    // A derived table, made on first use, stays on the coordinator.
    expect(unplacedTables([...tables, 'derived_order_lines'])).toEqual([]);
    expect(distributionPlan({ ...fresh(), tables: [...tables, 'customer_stages'] }).conflicts).toEqual([
      expect.stringContaining('the table customer_stages has no place'),
    ]);
  });

  it('distributes the per-customer tables by a NOT NULL customer column, co-located with events', () => {
    const distributed = Object.entries(tablePlacements).filter(([, p]) => p.kind === 'distributed');
    expect(distributed.map(([t]) => t).sort()).toEqual(['customer_scores', 'customers', 'events']);
    for (const [table, placement] of distributed) {
      if (placement.kind !== 'distributed') continue;
      if (table === 'events') {
        // events.customer_id is NULL for anonymous events; the plan adds the key it is distributed by.
        expect(placement).toMatchObject({ column: placementKeyColumn, colocateWith: 'none' });
        expect(columns.find((c) => c.table === 'events' && c.column === 'customer_id')?.nullable).toBe('YES');
        continue;
      }
      expect(placement.colocateWith).toBe('events');
      // Citus refuses NULL in a distribution column: the schema must already rule it out.
      expect(columns.find((c) => c.table === table && c.column === placement.column)?.nullable).toBe('NO');
    }
    const reference = Object.entries(tablePlacements).filter(([, p]) => p.kind === 'reference').map(([t]) => t).sort();
    expect(reference).toEqual(['imports', 'model_fits', 'rejects', 'segments', 'settings']);
    expect(tablePlacements.schema_migrations?.kind).toBe('local');
  });
});

describe('distributionPlan', () => {
  it('is, for a store not yet distributed, exactly these statements', () => {
    const plan = distributionPlan(fresh(), { shardCount: 64 });
    expect(plan.conflicts).toEqual([]);
    expect(plan.steps.map((s) => [s.title, s.transaction])).toEqual([
      ['events: add and fill the placement key customer_key', true],
      ['settings: reference table (copied to every worker)', false],
      ['imports: reference table (copied to every worker)', false],
      ['rejects: reference table (copied to every worker)', false],
      ['model_fits: reference table (copied to every worker)', false],
      ['events: distributed by customer_key, 64 shards', false],
      ['customers: distributed by customer_id, co-located with events', false],
      ['customer_scores: distributed by customer_id, co-located with events', false],
    ]);
    expect(plan.steps[0]?.statements).toEqual(placementKeyStatements());
    expect(plan.steps.slice(1).flatMap((s) => s.statements)).toEqual([
      `SELECT create_reference_table('settings')`,
      `SELECT truncate_local_data_after_distributing_table('settings')`,
      `SELECT create_reference_table('imports')`,
      `SELECT truncate_local_data_after_distributing_table('imports')`,
      `SELECT create_reference_table('rejects')`,
      `SELECT truncate_local_data_after_distributing_table('rejects')`,
      `SELECT create_reference_table('model_fits')`,
      `SELECT truncate_local_data_after_distributing_table('model_fits')`,
      `SELECT create_distributed_table('events', 'customer_key', colocate_with => 'none', shard_count => 64)`,
      `SELECT truncate_local_data_after_distributing_table('events')`,
      `SELECT create_distributed_table('customers', 'customer_id', colocate_with => 'events')`,
      `SELECT truncate_local_data_after_distributing_table('customers')`,
      `SELECT create_distributed_table('customer_scores', 'customer_id', colocate_with => 'events')`,
      `SELECT truncate_local_data_after_distributing_table('customer_scores')`,
    ]);
  });

  it('leaves the shard count to the cluster unless given, and gives it only to the event log (Citus refuses it with colocate_with)', () => {
    const statements = distributionPlan(fresh()).steps.flatMap((s) => s.statements);
    expect(statements.filter((s) => s.includes('shard_count'))).toEqual([]);
    const counted = distributionPlan(fresh(), { shardCount: 8 }).steps.flatMap((s) => s.statements).filter((s) => s.includes('shard_count'));
    expect(counted).toEqual([`SELECT create_distributed_table('events', 'customer_key', colocate_with => 'none', shard_count => 8)`]);
  });

  it('fills the key as customer_id, else the first linked customer, else anon: and the anonymous id, then makes it NOT NULL', () => {
    const [add, comment, fill, link, notNull] = placementKeyStatements();
    expect(add).toBe('ALTER TABLE events ADD COLUMN IF NOT EXISTS customer_key VARCHAR');
    expect(comment).toMatch(/^COMMENT ON COLUMN events\.customer_key IS /);
    expect(fill).toBe(`UPDATE events SET customer_key = coalesce(customer_id, 'anon:' || anonymous_id)`);
    expect(link).toContain('ORDER BY occurred_at, customer_id COLLATE "C"');
    expect(notNull).toBe('ALTER TABLE events ALTER COLUMN customer_key SET NOT NULL');
  });

  it('continues a run that stopped halfway, and has nothing left to do once every table is placed', () => {
    const halfway: StoreLayout = {
      tables,
      citus: { settings: { kind: 'reference' }, imports: { kind: 'reference' }, events: { kind: 'distributed', column: 'customer_key', colocationId: 3 } },
      placementKeyReady: true,
    };
    expect(distributionPlan(halfway).steps.map((s) => s.title.split(':')[0])).toEqual(['rejects', 'model_fits', 'customers', 'customer_scores']);
    const done: StoreLayout = {
      ...halfway,
      citus: {
        ...halfway.citus,
        rejects: { kind: 'reference' },
        model_fits: { kind: 'reference' },
        customers: { kind: 'distributed', column: 'customer_id', colocationId: 3 },
        customer_scores: { kind: 'distributed', column: 'customer_id', colocationId: 3 },
      },
    };
    expect(distributionPlan(done)).toEqual({ steps: [], conflicts: [] });
    expect(planScript(distributionPlan(done))).toBe('');
  });

  it('refuses tables already placed otherwise, saying how to undo it', () => {
    const layout: StoreLayout = {
      tables,
      citus: {
        settings: { kind: 'distributed', column: 'key', colocationId: 1 },
        events: { kind: 'distributed', column: 'customer_key', colocationId: 3 },
        customers: { kind: 'distributed', column: 'customer_id', colocationId: 4 },
      },
      placementKeyReady: true,
    };
    expect(distributionPlan(layout).conflicts).toEqual([
      `settings is already distributed by key, and the plan makes it: reference table (copied to every worker); undo it with SELECT undistribute_table('settings') and run again`,
      `customers is distributed by customer_id but not co-located with events, so joins by customer would not stay on one shard: undo it with SELECT undistribute_table('customers') and run again`,
    ]);
    expect(distributionPlan({ ...fresh(), tables: tables.filter((t) => t !== 'model_fits') }).conflicts).toEqual([
      'the store has no model_fits table: is it a Tenure store, migrated?',
    ]);
  });

  it('prints the plan as a psql script, the key step in one transaction', () => {
    const script = planScript(distributionPlan(fresh()));
    expect(script.split('\n').slice(0, 3)).toEqual([
      '-- events: add and fill the placement key customer_key',
      'BEGIN;',
      'ALTER TABLE events ADD COLUMN IF NOT EXISTS customer_key VARCHAR;',
    ]);
    expect(script).toContain('ALTER TABLE events ALTER COLUMN customer_key SET NOT NULL;\nCOMMIT;\n-- settings: reference table');
    expect(script.endsWith(`SELECT truncate_local_data_after_distributing_table('customer_scores');\n`)).toBe(true);
  });

  it('reads how Citus holds a table from its pg_dist_partition row', () => {
    expect(citusTableOf({ method: 'h', model: 's', column: 'customer_key', colocation: 7 })).toEqual({ kind: 'distributed', column: 'customer_key', colocationId: 7 });
    expect(citusTableOf({ method: 'n', model: 't', column: null, colocation: 1 })).toEqual({ kind: 'reference' });
    expect(citusTableOf({ method: 'n', model: 's', column: null, colocation: 0 })).toEqual({ kind: 'citus-local' });
  });
});
