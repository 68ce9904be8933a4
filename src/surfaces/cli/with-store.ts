/** Opens the store a command names (`--db`, `$TENURE_DB`, `./tenure.duckdb`) and always closes it. */
import { DuckDbStore } from '../../store/duckdb/duckdb-store.js';
import { resolveStoreLocation } from '../../store/open-store.js';

export async function withStore<T>(db: string | undefined, work: (store: DuckDbStore) => Promise<T>): Promise<T> {
  const location = resolveStoreLocation(db);
  if (/^postgres(ql)?:\/\//.test(location)) throw new Error('PostgreSQL stores are not available yet: use a DuckDB file path for --db');
  const store = await DuckDbStore.open(location);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
