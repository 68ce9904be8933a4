/**
 * Reads a query's result in batches without holding all of it in memory, for moving whole tables.
 *
 * OFFSET paging would sort the table again for every page, and the event log has no key to sort on, so each
 * engine streams instead: DuckDB through its streaming result, PostgreSQL through a cursor (which needs a
 * transaction, held open on the source only while the table is read).
 */
import { DuckDbStore } from './duckdb/duckdb-store.js';
import type { Store } from './store.js';

/** One row as positional values, in the order of the query's columns. */
export type RowValues = readonly unknown[];

export async function readBatches(
  store: Store,
  sql: string,
  batchSize: number,
  onBatch: (rows: RowValues[]) => Promise<void>,
): Promise<void> {
  if (store instanceof DuckDbStore) return readDuckDb(store, sql, batchSize, onBatch);
  if (store.dialect === 'postgres') return readPostgres(store, sql, batchSize, onBatch);
  throw new Error(`readBatches does not know how to stream from a ${store.dialect} store`);
}

async function readDuckDb(store: DuckDbStore, sql: string, batchSize: number, onBatch: (rows: RowValues[]) => Promise<void>): Promise<void> {
  const result = await store.connection.stream(sql);
  let rows: RowValues[] = [];
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    for (const row of chunk.getRows()) rows.push(row);
    if (rows.length >= batchSize) {
      await onBatch(rows);
      rows = [];
    }
  }
  if (rows.length > 0) await onBatch(rows);
}

async function readPostgres(store: Store, sql: string, batchSize: number, onBatch: (rows: RowValues[]) => Promise<void>): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.run(`DECLARE tenure_read NO SCROLL CURSOR FOR ${sql}`);
    for (;;) {
      const rows = await tx.query(`FETCH ${Number(batchSize)} FROM tenure_read`);
      if (rows.length === 0) break;
      // Object keys keep the query's column order, so values line up with the column list.
      await onBatch(rows.map((row) => Object.values(row)));
    }
    await tx.run('CLOSE tenure_read');
  });
}
