/**
 * The one narrow interface every storage backend implements.
 *
 * SQL passed here stays close to PostgreSQL's: `$1`-style parameters, standard joins and window functions.
 * Engine-specific bulk paths (DuckDB's file readers, PostgreSQL's COPY) live with the engine, not here.
 */
export type SqlValue = string | number | boolean | null | Date | bigint;
export type Row = Record<string, unknown>;

export interface Store {
  readonly dialect: 'duckdb' | 'postgres';
  /** Where the data lives: a file path or a connection URL with the password removed. */
  readonly location: string;
  /** Runs a query and returns its rows as plain objects (BIGINT as number when it fits, DECIMAL as number, TIMESTAMP as Date). */
  query<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a statement and returns the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs `work` in one transaction: all of it lands, or none of it. */
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
