/** Opens the store a command names (`--db`, `$TENURE_DB`, `./tenure.duckdb`) and always closes it. */
import { openStore, resolveStoreLocation } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';

/** Every command's store: a DuckDB file or a `postgres://` URL, whichever `--db` names. */
export async function withAnyStore<T>(db: string | undefined, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(resolveStoreLocation(db));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
