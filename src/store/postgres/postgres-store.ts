/** The server store: a PostgreSQL database over a pool of connections, with the same row conventions as DuckDB's. */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFromStdin, to as copyToStdout } from 'pg-copy-streams';
import type { Row, SqlValue, Store } from '../store.js';
import { migrate } from '../migrations/migrate.js';
import { postgresTypes } from './type-parsers.js';

/** Any fixed key will do: it only has to be the same for every Tenure process migrating this database. */
const migrationLockKey = 7_263_616_511;

function toPgValue(value: SqlValue): unknown {
  // pg would send a Date in the process's local zone with an offset, and PostgreSQL drops the offset
  // when the target is a TIMESTAMP (without time zone): the wall-clock time would be stored, not UTC.
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** One checked-out client and whether its transaction is still open. */
interface Transaction {
  client: pg.PoolClient;
  open: boolean;
}

export class PostgresStore implements Store {
  readonly dialect = 'postgres' as const;
  // Which transaction, if any, the current async call chain is inside: a call made within `transaction`'s
  // work joins it, whether it goes through the store handed to the work or through this one, as every
  // call does on DuckDB's single connection. Unrelated concurrent calls keep using the pool.
  readonly #current = new AsyncLocalStorage<Transaction>();

  private constructor(
    readonly location: string,
    private readonly pool: pg.Pool,
  ) {}

  static async open(url: string, options: { migrate?: boolean } = {}): Promise<PostgresStore> {
    const location = withoutPassword(url);
    let config: pg.PoolConfig;
    try {
      config = poolConfig(url);
    } catch {
      throw new Error(`cannot open the store ${location}: not a PostgreSQL URL (postgres://user@host:port/database)`);
    }
    const pool = new pg.Pool(config);
    // An idle client whose connection drops emits 'error' on the pool, and an unhandled 'error' event
    // would end the process. The pool has already discarded that client; the next query gets a new one.
    pool.on('error', () => undefined);
    const store = new PostgresStore(location, pool);
    try {
      await store.query('SELECT 1');
      if (options.migrate !== false) await store.#migrateLocked();
    } catch (error) {
      await pool.end().catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`cannot open the store ${location}: ${message}`, { cause: error });
    }
    return store;
  }

  /** Two processes opening a new database at once would both try to apply the same migrations. */
  async #migrateLocked(): Promise<void> {
    const lock = await this.pool.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
      await migrate(this);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]).catch(() => undefined);
      lock.release();
    }
  }

  async query<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const result = await this.#client().query(sql, params.map(toPgValue));
    return result.rows as T[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    const result = await this.#client().query(sql, params.map(toPgValue));
    return result.rowCount ?? 0;
  }

  /**
   * Bulk load: streams `source` into `COPY ... FROM STDIN` (`sql` names the table, columns and format) and
   * returns the rows copied. Inside `transaction()` it runs on that transaction's client, so a temp table
   * made there is visible and the rows land or roll back with the rest; outside, on a pooled client.
   */
  async copyFrom(sql: string, source: Readable): Promise<number> {
    const tx = this.#current.getStore();
    if (tx && !tx.open) throw new Error('this transaction has already finished: await every query inside transaction()');
    const client = tx ? tx.client : await this.pool.connect();
    let failed: Error | undefined;
    try {
      const sink = client.query(copyFromStdin(sql));
      await pipeline(source, sink);
      return Number(sink.rowCount ?? 0);
    } catch (error) {
      failed = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      // A client whose COPY broke off may still be in COPY mode: destroy it rather than pool it.
      if (!tx) client.release(failed);
    }
  }

  /**
   * Bulk read: streams `COPY ... TO STDOUT` (`sql` names the query and format) into `destination`. Inside
   * `transaction()` it runs on that transaction's client, so a temp table made there is visible; outside,
   * on a pooled client.
   */
  async copyTo(sql: string, destination: Writable): Promise<void> {
    const tx = this.#current.getStore();
    if (tx && !tx.open) throw new Error('this transaction has already finished: await every query inside transaction()');
    const client = tx ? tx.client : await this.pool.connect();
    let failed: Error | undefined;
    try {
      await pipeline(client.query(copyToStdout(sql)), destination);
    } catch (error) {
      failed = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      // A client whose COPY broke off may still be in COPY mode: destroy it rather than pool it.
      if (!tx) client.release(failed);
    }
  }

  async transaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
    // PostgreSQL has savepoints, but DuckDB has no nested transactions; an inner call joins the outer one on both.
    if (this.#current.getStore()?.open) return work(this);
    const client = await this.pool.connect();
    const tx: Transaction = { client, open: true };
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await this.#current.run(tx, () => work(this));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      tx.open = false;
      // A client whose ROLLBACK failed may still be inside the transaction: destroy it rather than pool it.
      client.release(broken);
    }
  }

  #client(): pg.Pool | pg.PoolClient {
    const tx = this.#current.getStore();
    if (!tx) return this.pool;
    // Work that outlives its transaction (a promise nobody awaited) must not borrow a client now in other hands.
    if (!tx.open) throw new Error('this transaction has already finished: await every query inside transaction()');
    return tx.client;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function poolConfig(url: string): pg.PoolConfig {
  // Startup options set TimeZone on every new connection without a round trip. pg lets an `options`
  // parameter in the URL override the config's, so the URL's own options (a search_path, say) are
  // moved into the config and combined.
  const parsed = new URL(url);
  const own = parsed.searchParams.get('options');
  parsed.searchParams.delete('options');
  return {
    connectionString: parsed.toString(),
    options: [own, '-c TimeZone=UTC'].filter(Boolean).join(' '),
    types: postgresTypes,
    application_name: 'tenure',
    max: 4,
  };
}

/** The URL with any password removed, for messages and `Store.location`. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.searchParams.delete('password');
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1@').replace(/([?&])password=[^&]*&?/, '$1');
  }
}
