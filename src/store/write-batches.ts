/**
 * Writes large results into tables in one transaction, in batches given column by column: through
 * DuckDB's appender, or PostgreSQL's binary COPY FROM STDIN. The counterpart of read-batches.ts, so work
 * that streams rows out of the store and writes rows back is written once for both engines.
 */
import { Readable } from 'node:stream';
import { DOUBLE, DuckDBDataChunk, INTEGER, VARCHAR, type DuckDBAppender, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import { DuckDbStore } from './duckdb/duckdb-store.js';
import { PostgresStore } from './postgres/postgres-store.js';
import { encodeBinaryCopy } from './postgres/binary-copy.js';
import type { SqlValue, Store } from './store.js';
import { quoteColumn, type ColumnData, type ColumnType, type TableColumn } from './table-columns.js';

export interface BatchWriter {
  /** A statement in the writer's transaction (the parent row of the batches, say). */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /**
   * Appends rows given column by column, every column as long as the first. `columns` are all of the
   * table's columns in the table's order (DuckDB's appender fills whole rows).
   */
  append(table: string, columns: readonly TableColumn[], values: readonly ColumnData[]): Promise<void>;
}

/**
 * Runs `work` with a writer: everything written through it lands when `work` succeeds, and nothing when it
 * fails.
 *
 * On DuckDB the writer has a connection of its own, with its own transaction, so the store's connection
 * can stream the rows being scored meanwhile (a pending stream is invalidated when its own connection runs
 * anything else). It sees the tables, not the store connection's temp tables. On PostgreSQL the writer is
 * the store's transaction (joined when the caller is in one), so the work's temp tables, its reads and
 * its writes share one client, and one rollback undoes them all.
 */
export async function withBatchWriter<T>(store: Store, work: (writer: BatchWriter) => Promise<T>): Promise<T> {
  if (store instanceof DuckDbStore) return withDuckDbWriter(store, work);
  if (store instanceof PostgresStore) {
    const checked = new Set<string>();
    return store.transaction(() =>
      work({
        run: (sql, params) => store.run(sql, params),
        append: async (table, columns, values) => {
          if (!checked.has(table)) {
            const rows = await store.query<{ name: string }>(
              'SELECT attname AS name FROM pg_attribute WHERE attrelid = CAST($1 AS regclass) AND attnum > 0 AND NOT attisdropped ORDER BY attnum',
              [table],
            );
            checkColumns(table, rows.map((r) => r.name), columns);
            checked.add(table);
          }
          await copyColumns(store, table, columns, values);
        },
      }),
    );
  }
  throw new Error(`withBatchWriter does not know how to write to a ${store.dialect} store`);
}

const duckDbTypes: Record<ColumnType, DuckDBType> = { integer: INTEGER, double: DOUBLE, varchar: VARCHAR };

/** DuckDB's vector size: a data chunk holds at most this many rows. */
const chunkRows = 2048;

async function withDuckDbWriter<T>(store: DuckDbStore, work: (writer: BatchWriter) => Promise<T>): Promise<T> {
  const connection = await store.openConnection();
  const appenders = new Map<string, DuckDBAppender>();
  // Closing an appender flushes what it still holds, into the transaction: on failure that must happen
  // before the rollback, or the rows would land afterwards in a transaction of their own.
  const closeAppenders = () => {
    const open = [...appenders.values()];
    appenders.clear();
    for (const appender of open) appender.closeSync();
  };
  try {
    await connection.run('BEGIN TRANSACTION');
    const writer: BatchWriter = {
      run: async (sql, params = []) => Number((await connection.run(sql, params.map(duckValue))).rowsChanged),
      append: async (table, columns, values) => {
        let appender = appenders.get(table);
        if (!appender) {
          await checkTableColumns(connection, table, columns);
          appender = await connection.createAppender(table);
          appenders.set(table, appender);
        }
        appendColumns(appender, columns, values);
      },
    };
    const result = await work(writer);
    closeAppenders();
    await connection.run('COMMIT');
    return result;
  } catch (error) {
    try {
      closeAppenders();
    } catch {
      // The rollback below discards whatever the appender could not write.
    }
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    connection.closeSync();
  }
}

function duckValue(value: SqlValue): Exclude<SqlValue, Date> {
  return value instanceof Date ? value.toISOString() : value;
}

async function checkTableColumns(connection: DuckDBConnection, table: string, columns: readonly TableColumn[]): Promise<void> {
  const reader = await connection.runAndReadAll(
    `SELECT column_name FROM information_schema.columns
     WHERE table_catalog = current_database() AND table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  checkColumns(table, reader.getRows().map((row) => String(row[0])), columns);
}

/**
 * DuckDB's appender matches values to columns by position only, so a list that is not the table's would
 * shift them silently; COPY names its columns, but both engines are held to the same contract.
 */
function checkColumns(table: string, actual: readonly string[], columns: readonly TableColumn[]): void {
  const given = columns.map((c) => c.name);
  if (actual.join(',') !== given.join(',')) throw new Error(`cannot append to ${table}: its columns are ${actual.join(', ')}, not ${given.join(', ')}`);
}

function appendColumns(appender: DuckDBAppender, columns: readonly TableColumn[], values: readonly ColumnData[]): void {
  const rows = values[0]?.length ?? 0;
  const types = columns.map((c) => duckDbTypes[c.type]);
  for (let start = 0; start < rows; start += chunkRows) {
    const end = Math.min(rows, start + chunkRows);
    const chunk = DuckDBDataChunk.create(types, end - start);
    // setColumns reads `length` and each index: a typed array's range is handed over as a view, without
    // a copy (copying it into a plain array with Array.prototype.slice took longer than the append).
    chunk.setColumns(values.map((column) => (ArrayBuffer.isView(column) ? (column as Int32Array | Float64Array).subarray(start, end) : Array.prototype.slice.call(column, start, end)) as never[]));
    appender.appendDataChunk(chunk);
  }
}

async function copyColumns(store: PostgresStore, table: string, columns: readonly TableColumn[], values: readonly ColumnData[]): Promise<void> {
  if ((values[0]?.length ?? 0) === 0) return;
  const list = columns.map((c) => quoteColumn(c.name)).join(', ');
  await store.copyFrom(`COPY ${table} (${list}) FROM STDIN (FORMAT binary)`, Readable.from([encodeBinaryCopy(columns, values)]));
}
