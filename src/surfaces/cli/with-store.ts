/** Opens the store a command names (`--db`, `$TENURE_DB`, `./tenure.duckdb`) and always closes it. */
import { DuckDbStore } from '../../store/duckdb/duckdb-store.js';
import { isPostgresUrl, openStore, resolveStoreLocation } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';

/**
 * For commands that still need DuckDB (its bulk file readers, or DuckDB-only SQL in the models): import,
 * demo, model, clv and score. A PostgreSQL URL is refused with the way round it.
 */
export async function withStore<T>(db: string | undefined, work: (store: DuckDbStore) => Promise<T>): Promise<T> {
  const location = resolveStoreLocation(db);
  if (isPostgresUrl(location)) {
    throw new Error(
      'this command needs a DuckDB store for now (PostgreSQL stores work with status, summary and db copy): ' +
        'use a DuckDB file path for --db, or make one with tenure db copy --from URL --to FILE',
    );
  }
  const store = await DuckDbStore.open(location);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** For commands whose queries run on every backend (status, summary): a DuckDB file or a postgres:// URL. */
export async function withAnyStore<T>(db: string | undefined, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(resolveStoreLocation(db));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
