/**
 * A query's result held in a temp table while some work reads it more than once (the score's summary is
 * grouped for the fits and then streamed out to be scored).
 */
import { tempTableAs } from './sql-dialect.js';
import type { SqlValue, Store } from './store.js';

/**
 * Runs `work` with the result of `sql` in the temp table `name`, and drops the table afterwards.
 *
 * On PostgreSQL a temp table belongs to one connection, and a pooled store has many, so the table is made
 * in a transaction (joining the caller's, if any) that `work` runs in too, with ON COMMIT DROP: it goes
 * when the transaction ends, committed or rolled back; and it is analysed, since autovacuum never gives a
 * temp table the statistics the planner needs for queries over it. DuckDB's store has one connection, so
 * the table is simply replaced and dropped.
 */
export async function withTempTable<T>(store: Store, name: string, sql: string, params: readonly SqlValue[], work: () => Promise<T>): Promise<T> {
  if (store.dialect === 'postgres') {
    return store.transaction(async (tx) => {
      await tx.run(tempTableAs(tx.dialect, name, sql), params);
      await tx.run(`ANALYZE ${name}`);
      return work();
    });
  }
  await store.run(tempTableAs(store.dialect, name, sql), params);
  try {
    return await work();
  } finally {
    await store.run(`DROP TABLE IF EXISTS ${name}`);
  }
}
