/**
 * Reads a query's result (`readBatches`, row by row) or a whole table (`readTableColumns`, column by
 * column) in batches without holding all of it in memory, for moving whole tables and for scoring every
 * customer.
 *
 * OFFSET paging would sort the table again for every page, and the event log has no key to sort on, so each
 * engine streams instead: DuckDB through its streaming result, PostgreSQL through a cursor or by ranges of
 * pages (either needs a transaction: held open only while the table is read, or joined when the caller is
 * in one).
 */
import { Writable } from 'node:stream';
import { DuckDbStore } from './duckdb/duckdb-store.js';
import { decodeBinaryCopy } from './postgres/binary-copy.js';
import { PostgresStore } from './postgres/postgres-store.js';
import type { Row, Store } from './store.js';
import { quoteColumn, type TableColumn } from './table-columns.js';

/** One row as positional values, in the order of the query's columns. */
export type RowValues = readonly unknown[];

/** One batch column by column: `columns[c][i]` is row i's value of column c. */
export type ColumnValues = unknown[][];

/** Streams the rows of `sql` in batches; `params` are text values for its `$1, $2...` (cast them in the SQL). */
export async function readBatches(
  store: Store,
  sql: string,
  batchSize: number,
  onBatch: (rows: RowValues[]) => Promise<void>,
  params: readonly string[] = [],
): Promise<void> {
  if (store instanceof DuckDbStore) return readDuckDb(store, sql, batchSize, onBatch, params);
  if (store.dialect === 'postgres') return readPostgres(store, sql, batchSize, onBatch, params);
  throw new Error(`readBatches does not know how to stream from a ${store.dialect} store`);
}

/**
 * Reads a whole table in batches, column by column, for work that runs over whole columns (the models
 * score arrays). The table must not change while it is read: it is meant for a temp table of the caller's.
 *
 * DuckDB streams it, handing its results over in columns already: a batch is the whole chunks (up to
 * 2,048 rows each) that first reach `batchSize`. PostgreSQL reads it by ranges of pages (a TID range scan,
 * PostgreSQL 14 and later) of about `batchSize` rows each, every range one binary COPY: several times
 * faster than fetching from a cursor, whose rows the driver turns into objects one value at a time.
 */
export async function readTableColumns(
  store: Store,
  table: string,
  columns: readonly TableColumn[],
  batchSize: number,
  onBatch: (columns: ColumnValues, rowCount: number) => Promise<void>,
): Promise<void> {
  const list = columns.map((c) => quoteColumn(c.name)).join(', ');
  if (store instanceof DuckDbStore) return readDuckDbColumns(store, `SELECT ${list} FROM ${table}`, batchSize, onBatch);
  if (store instanceof PostgresStore) return readPostgresTable(store, table, columns, batchSize, onBatch);
  throw new Error(`readTableColumns does not know how to read from a ${store.dialect} store`);
}

async function readDuckDb(store: DuckDbStore, sql: string, batchSize: number, onBatch: (rows: RowValues[]) => Promise<void>, params: readonly string[]): Promise<void> {
  const result = await store.connection.stream(sql, [...params]);
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

async function readDuckDbColumns(
  store: DuckDbStore,
  sql: string,
  batchSize: number,
  onBatch: (columns: ColumnValues, rowCount: number) => Promise<void>,
): Promise<void> {
  const result = await store.connection.stream(sql);
  const width = result.columnCount;
  let columns: ColumnValues = Array.from({ length: width }, () => []);
  let rowCount = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const values = chunk.getColumns();
    for (let c = 0; c < width; c++) {
      const target = columns[c] as unknown[];
      for (const value of values[c] ?? []) target.push(value);
    }
    rowCount += chunk.rowCount;
    if (rowCount >= batchSize) {
      await onBatch(columns, rowCount);
      columns = Array.from({ length: width }, () => []);
      rowCount = 0;
    }
  }
  if (rowCount > 0) await onBatch(columns, rowCount);
}

async function readPostgres(store: Store, sql: string, batchSize: number, onBatch: (rows: RowValues[]) => Promise<void>, params: readonly string[]): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.run(`DECLARE tenure_read NO SCROLL CURSOR FOR ${sql}`, params);
    for (;;) {
      const rows = await tx.query(`FETCH ${Number(batchSize)} FROM tenure_read`);
      if (rows.length === 0) break;
      // Object keys keep the query's column order, so values line up with the column list.
      await onBatch(rows.map((row: Row) => Object.values(row)));
    }
    await tx.run('CLOSE tenure_read');
  });
}

async function readPostgresTable(
  store: PostgresStore,
  table: string,
  columns: readonly TableColumn[],
  batchSize: number,
  onBatch: (columns: ColumnValues, rowCount: number) => Promise<void>,
): Promise<void> {
  // One transaction: a temp table of the caller's is visible only on the caller's client.
  await store.transaction(async () => {
    const [size] = await store.query<{ pages: number; rows: number }>(
      `SELECT pg_relation_size(CAST($1 AS regclass)) / CAST(current_setting('block_size') AS INTEGER) AS pages, (SELECT count(*) FROM ${table}) AS rows`,
      [table],
    );
    const pages = Number(size?.pages ?? 0);
    const pagesPerBatch = Math.max(1, Math.ceil((pages * batchSize) / Math.max(1, Number(size?.rows ?? 0))));
    const list = columns.map((c) => quoteColumn(c.name)).join(', ');
    for (let first = 0; first < pages; first += pagesPerBatch) {
      const end = first + pagesPerBatch;
      // The last range is open-ended, so it ends where the table does.
      const range = end >= pages ? `ctid >= '(${first},0)'` : `ctid >= '(${first},0)' AND ctid < '(${end},0)'`;
      const chunks: Buffer[] = [];
      const collect = new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk);
          done();
        },
      });
      await store.copyTo(`COPY (SELECT ${list} FROM ${table} WHERE ${range}) TO STDOUT (FORMAT binary)`, collect);
      const batch = decodeBinaryCopy(Buffer.concat(chunks), columns);
      if (batch.rows > 0) await onBatch(batch.columns, batch.rows);
    }
  });
}
