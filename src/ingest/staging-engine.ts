/**
 * Where a file is staged and checked: always DuckDB, whose CSV and Parquet readers and the one SQL pass
 * of normalize-sql.ts are the fast, tested part of importing. A DuckDB store stages in itself, so nothing
 * changes there; a PostgreSQL store gets a scratch in-memory DuckDB for the import, which spills to a temp
 * folder when a large file does not fit in memory, and the checked rows travel on by COPY (landing.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import type { Store } from '../store/store.js';
import { sqlString } from './normalize-sql.js';

export async function withStagingEngine<T>(store: Store, work: (engine: DuckDbStore) => Promise<T>): Promise<T> {
  if (store instanceof DuckDbStore) return work(store);
  const dir = await mkdtemp(join(tmpdir(), 'tenure-staging-'));
  try {
    const engine = await DuckDbStore.open(':memory:', { migrate: false });
    try {
      // An in-memory database has no temp folder of its own and would fail rather than spill.
      await engine.run(`SET temp_directory = ${sqlString(dir)}`);
      return await work(engine);
    } finally {
      await engine.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
