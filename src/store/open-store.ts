/** Chooses the store: `--db PATH`, else `$TENURE_DB`, else `./tenure.duckdb`. */
import type { Store } from './store.js';
import { DuckDbStore } from './duckdb/duckdb-store.js';
import { PostgresStore } from './postgres/postgres-store.js';

export const defaultStorePath = 'tenure.duckdb';

export function resolveStoreLocation(db?: string, env: NodeJS.ProcessEnv = process.env): string {
  return db ?? env.TENURE_DB ?? defaultStorePath;
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

/**
 * Opens and migrates the store at `location`: a `postgres://` URL opens a PostgresStore, anything else a
 * DuckDB file.
 *
 * On PostgreSQL so far only the schema (the shared migrations) and the `Store` interface itself run, as
 * the conformance suite in store.case.ts checks. The importer, the analytics queries and the model fits
 * still use DuckDB-only SQL and DuckDB's bulk readers, so the CLI (`withStore`) keeps refusing
 * PostgreSQL URLs until they are ported.
 */
export async function openStore(location: string): Promise<Store> {
  if (isPostgresUrl(location)) return PostgresStore.open(location);
  return DuckDbStore.open(location);
}
