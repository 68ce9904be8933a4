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
 * DuckDB file. Every command runs on both; engine-specific bulk paths (DuckDB staging for imports, COPY
 * into PostgreSQL) sit behind the commands, not in the `Store` interface.
 */
export async function openStore(location: string): Promise<Store> {
  if (isPostgresUrl(location)) return PostgresStore.open(location);
  return DuckDbStore.open(location);
}
