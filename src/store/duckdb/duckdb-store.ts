/** The embedded default store: one DuckDB file, zero set-up. */
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { Row, SqlValue, Store } from '../store.js';
import { migrate } from '../migrations/migrate.js';

function toDuckValue(value: SqlValue): DuckDBValue {
  if (value instanceof Date) return value.toISOString();
  return value as DuckDBValue;
}

function fromDuckValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  if (Array.isArray(value)) return value.map(fromDuckValue);
  return value;
}

export class DuckDbStore implements Store {
  readonly dialect = 'duckdb' as const;
  #inTransaction = false;

  private constructor(
    readonly location: string,
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  static async open(path: string, options: { migrate?: boolean } = {}): Promise<DuckDbStore> {
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/lock/i.test(message)) throw new Error(`the store ${path} is in use by another Tenure process (${message})`);
      throw new Error(`cannot open the store ${path}: ${message}`);
    }
    const connection = await instance.connect();
    // Timestamps are stored in UTC; parsing with an offset converts to UTC through this zone.
    await connection.run(`SET TimeZone = 'UTC'`);
    // Progress is tracked for runWithProgress; DuckDB's own printing of it stays off.
    await connection.run('SET enable_progress_bar = true');
    await connection.run('SET enable_progress_bar_print = false');
    const store = new DuckDbStore(path, instance, connection);
    if (options.migrate !== false) await migrate(store);
    return store;
  }

  async query<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params.map(toDuckValue));
    const rows = reader.getRowObjectsJS() as Row[];
    for (const row of rows) for (const key of Object.keys(row)) row[key] = fromDuckValue(row[key]);
    return rows as T[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    const result = await this.connection.run(sql, params.map(toDuckValue));
    return Number(result.rowsChanged);
  }

  /**
   * `run`, reporting DuckDB's own estimate of the statement's progress (0 to 1) while it runs, for a
   * progress bar over a long bulk read.
   */
  async runWithProgress(sql: string, onProgress: (fraction: number) => void, params: readonly SqlValue[] = []): Promise<number> {
    const timer = setInterval(() => {
      const { percentage } = this.connection.progress;
      if (percentage >= 0) onProgress(Math.min(1, percentage / 100));
    }, 200);
    try {
      return await this.run(sql, params);
    } finally {
      clearInterval(timer);
    }
  }

  async transaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
    // DuckDB has no nested transactions; an inner call joins the outer one.
    if (this.#inTransaction) return work(this);
    await this.connection.run('BEGIN TRANSACTION');
    this.#inTransaction = true;
    try {
      const result = await work(this);
      await this.connection.run('COMMIT');
      return result;
    } catch (error) {
      await this.connection.run('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      this.#inTransaction = false;
    }
  }

  /**
   * A second connection to the same database, for work that must run beside a streaming result on the
   * main one (a pending stream is invalidated when its own connection runs anything else). It does not
   * see the main connection's temp tables. The caller closes it.
   */
  async openConnection(): Promise<DuckDBConnection> {
    const connection = await this.instance.connect();
    await connection.run(`SET TimeZone = 'UTC'`);
    return connection;
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
