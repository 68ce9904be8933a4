/** Chooses the store: `--db PATH`, else `$TENURE_DB`, else `./tenure.duckdb`. */
import type { Store } from './store.js';
import { DuckDbStore } from './duckdb/duckdb-store.js';

export const defaultStorePath = 'tenure.duckdb';

export function resolveStoreLocation(db?: string, env: NodeJS.ProcessEnv = process.env): string {
  return db ?? env.TENURE_DB ?? defaultStorePath;
}

export async function openStore(location: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(location)) {
    throw new Error('PostgreSQL stores are not available yet: use a DuckDB file path for --db');
  }
  return DuckDbStore.open(location);
}
