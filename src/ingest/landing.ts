/**
 * How checked rows get from the staging engine (DuckDB, see staging-engine.ts) into the store, inside the
 * store's transaction. When the store is the engine itself, a relation is a view or temp table and an
 * append an INSERT ... SELECT, all in one database. A PostgreSQL store receives the rows by COPY: DuckDB
 * writes them as CSV and PostgreSQL reads them into the table, or into a temp table dropped at commit.
 */
import type { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { forDialect } from '../store/migrations/dialect.js';
import { copyFromDuckDb } from '../store/postgres/copy-from-duckdb.js';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import type { Store } from '../store/store.js';

export interface LandingColumn {
  name: string;
  /** The type in the migrations' spelling (VARCHAR, TIMESTAMP, DECIMAL(18,4), JSON...). */
  type: string;
}

export interface Landing {
  /**
   * Makes the rows of `select` (a query on the engine, one column per entry of `columns`, in order)
   * readable in the store's transaction as `name`. `materialize` asks for a table even where a view
   * would do: for a small relation read several times.
   */
  relation(name: string, columns: readonly LandingColumn[], select: string, options?: { materialize?: boolean }): Promise<void>;
  /**
   * Appends the rows of `select` (a query on the engine) to the store's `table (columns)`; returns the rows
   * added. `onRows` hears how many have gone so far, where the store reports it (PostgreSQL's COPY).
   */
  append(table: string, columns: readonly string[], select: string, options?: { onRows?: ((rows: number) => void) | undefined }): Promise<number>;
}

/** The landing for `store` (the transaction's store), staged in `engine`. */
export function landingFor(store: Store, engine: DuckDbStore): Landing {
  if (store === engine) return inPlace(engine);
  if (store instanceof PostgresStore) return overCopy(engine, store);
  throw new Error(`cannot land rows staged in DuckDB in a ${store.dialect} store other than the staging one`);
}

function inPlace(store: DuckDbStore): Landing {
  return {
    async relation(name, _columns, select, options) {
      await store.run(`CREATE OR REPLACE TEMP ${options?.materialize ? 'TABLE' : 'VIEW'} ${name} AS ${select}`);
    },
    append: (table, columns, select) => store.run(`INSERT INTO ${table} (${columns.join(', ')}) ${select}`),
  };
}

function overCopy(engine: DuckDbStore, store: PostgresStore): Landing {
  return {
    async relation(name, columns, select) {
      const definition = columns.map((c) => `${c.name} ${forDialect(c.type, 'postgres')}`).join(', ');
      await store.run(`CREATE TEMP TABLE ${name} (${definition}) ON COMMIT DROP`);
      await copyFromDuckDb(engine, select, store, `${name} (${columns.map((c) => c.name).join(', ')})`);
      // Autovacuum never analyses a temp table: without statistics the planner would guess its size and
      // could, say, probe the event-id index once per row where one hash join would do.
      await store.run(`ANALYZE ${name}`);
    },
    append: (table, columns, select, options) => copyFromDuckDb(engine, select, store, `${table} (${columns.join(', ')})`, { onRows: options?.onRows }),
  };
}
