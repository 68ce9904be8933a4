/**
 * Moves a whole store to another backend or file (DuckDB to PostgreSQL, back, or DuckDB to DuckDB) and
 * proves it arrived: row counts per table, and the event log's revenue and counts by kind, compared as
 * exact decimal text computed by each engine itself.
 *
 * Every value travels as text (DECIMAL as its exact digits, TIMESTAMP as ISO text to the microsecond,
 * JSON as its text) and is cast back to the target column's type on the way in, so nothing passes through
 * a JavaScript double or Date. Into PostgreSQL the rows go by COPY (from DuckDB as CSV that DuckDB writes
 * itself, see copy-from-duckdb.ts; from PostgreSQL as CSV made here batch by batch), which parses the text
 * into each column's type; into DuckDB through its appender. Values are never spliced into SQL.
 * JSON lands in PostgreSQL as JSONB, which keeps every value but not the source's whitespace or key order.
 */
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { DuckDbStore } from './duckdb/duckdb-store.js';
import { isPostgresUrl, openStore } from './open-store.js';
import { copyFromDuckDb } from './postgres/copy-from-duckdb.js';
import { PostgresStore } from './postgres/postgres-store.js';
import { readBatches, type RowValues } from './read-batches.js';
import type { SqlValue, Store } from './store.js';

/** Every table of the schema, parents first; schema_migrations is the target's own, and derived tables are rebuilt by the target. */
export const copiedTables = ['settings', 'imports', 'customers', 'events', 'rejects', 'model_fits', 'customer_scores', 'segments'] as const;
export type CopiedTable = (typeof copiedTables)[number];

export interface KindTotals {
  kind: string;
  events: number;
  /** sum(amount) over the kind as exact decimal text, or null when no event of the kind has an amount. */
  amount: string | null;
}

export interface CopyReport {
  from: string;
  to: string;
  tables: { table: CopiedTable; rows: number }[];
  verified: { events: number; revenue: string | null; byKind: KindTotals[] };
  seconds: number;
}

export interface CopyOptions {
  /** Rows read from the source per batch; default 50,000. */
  batchSize?: number;
}

/** PostgreSQL takes at most 65,535 parameters per statement. */
const maxParameters = 65_535;
/** Rows per INSERT: large statements amortise the round trip, but DuckDB binds each parameter separately. */
const maxRowsPerInsert = 1_000;

/** Opens both stores (migrating the target), copies everything and verifies it, and closes both. */
export async function copyStore(from: string, to: string, options: CopyOptions = {}): Promise<CopyReport> {
  if (from === to) throw new Error('--from and --to name the same store: copy to a new file or database');
  if (!isPostgresUrl(from) && !existsSync(from)) throw new Error(`there is no store at ${from}: check the --from path`);
  const source = await openStore(from);
  try {
    const target = await openStore(to);
    try {
      return await copyBetween(source, target, options);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

/** The copy itself, between two open stores; the target must be migrated and hold no data. */
export async function copyBetween(source: Store, target: Store, options: CopyOptions = {}): Promise<CopyReport> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 50_000;
  await refuseNonEmpty(target);
  const tables: CopyReport['tables'] = [];
  // One transaction on the target: a copy that fails halfway leaves it as empty as it was.
  await target.transaction(async (tx) => {
    // The migrations seed settings (the reporting currency); the source's own values replace them.
    await tx.run('DELETE FROM settings');
    for (const table of copiedTables) {
      const columns = await columnsOf(source, table);
      const targetTypes = new Map((await columnsOf(tx, table)).map((c) => [c.name, c.type]));
      const missing = columns.filter((c) => !targetTypes.has(c.name)).map((c) => c.name);
      if (missing.length > 0) throw new Error(`the target's ${table} table has no column ${missing.join(', ')}: are both stores on the same Tenure version?`);
      const names = columns.map((c) => quoteIdent(c.name));
      const casts = columns.map((c) => `CAST(${quoteIdent(c.name)} AS VARCHAR)`);
      const castBack = columns.map((c) => targetTypes.get(c.name) ?? 'VARCHAR');
      const select = `SELECT ${casts.join(', ')} FROM ${table}`;
      let rows = 0;
      if (target instanceof PostgresStore && source instanceof DuckDbStore) {
        // COPY joins the transaction: `target` and `tx` are one store, and the call is made inside its work.
        rows = await copyFromDuckDb(source, select, target, `${table} (${names.join(', ')})`);
      } else {
        const insert =
          target instanceof DuckDbStore ? await duckDbInserter(target, table, names, castBack)
          : target instanceof PostgresStore ? copyInserter(target, table, names)
          : sqlInserter(tx, table, names, castBack);
        try {
          await readBatches(source, select, batchSize, async (batch) => {
            await insert.rows(batch);
            rows += batch.length;
          });
        } finally {
          await insert.close();
        }
      }
      tables.push({ table, rows });
    }
  });
  const verified = await verifyCopy(source, target, tables);
  return { from: source.location, to: target.location, tables, verified, seconds: (performance.now() - started) / 1000 };
}

async function refuseNonEmpty(target: Store): Promise<void> {
  for (const table of copiedTables) {
    if (table === 'settings') continue;
    const [row] = await target.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
    const n = Number(row?.n ?? 0);
    if (n > 0) {
      throw new Error(`the target ${target.location} is not empty (its ${table} table has ${n} rows): copy into a new DuckDB file or an empty PostgreSQL database or schema`);
    }
  }
}

interface Column {
  name: string;
  /** The type as the engine names it (DECIMAL(18,4), timestamp without time zone, jsonb...), usable in CAST. */
  type: string;
}

async function columnsOf(store: Store, table: string): Promise<Column[]> {
  const rows = await store.query<{ name: string; type: string; precision: number | null; scale: number | null }>(
    `SELECT column_name AS name, data_type AS type, numeric_precision AS precision, numeric_scale AS scale
     FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  if (rows.length === 0) throw new Error(`the store ${store.location} has no ${table} table: is it a Tenure store?`);
  // PostgreSQL reports NUMERIC(18,4) as plain "numeric"; casting to that would be exact too, but keep the scale.
  return rows.map((r) => ({ name: r.name, type: r.type === 'numeric' && r.precision !== null ? `numeric(${r.precision},${r.scale ?? 0})` : r.type }));
}

/** Writes batches of text rows into one table of the target, casting each value to the column's type. */
interface Inserter {
  rows(batch: readonly RowValues[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * PostgreSQL's COPY, one statement per batch, in CSV: a NULL is an empty field and every value is quoted,
 * so an empty string stays one.
 */
function copyInserter(store: PostgresStore, table: string, names: readonly string[]): Inserter {
  const into = `COPY ${table} (${names.join(', ')}) FROM STDIN (FORMAT csv)`;
  return {
    async rows(batch) {
      const lines = batch.map((row) => row.map((value) => (value === null || value === undefined ? '' : `"${String(value).replaceAll('"', '""')}"`)).join(','));
      await store.copyFrom(into, Readable.from([`${lines.join('\n')}\n`]));
    },
    async close() {},
  };
}

/** Multi-row INSERTs with every value a bound parameter: the portable path, for a store with no bulk path. */
function sqlInserter(store: Store, table: string, names: readonly string[], types: readonly string[]): Inserter {
  const rowsPerInsert = Math.max(1, Math.min(maxRowsPerInsert, Math.floor(maxParameters / names.length)));
  return {
    async rows(batch) {
      for (let start = 0; start < batch.length; start += rowsPerInsert) {
        const slice = batch.slice(start, start + rowsPerInsert);
        await store.run(insertSql(table, names, types, slice.length), slice.flatMap(toParams));
      }
    },
    async close() {},
  };
}

function insertSql(table: string, names: readonly string[], types: readonly string[], rowCount: number): string {
  const tuples: string[] = [];
  let p = 0;
  for (let r = 0; r < rowCount; r++) tuples.push(`(${types.map((type) => `CAST($${++p} AS ${type})`).join(', ')})`);
  return `INSERT INTO ${table} (${names.join(', ')}) VALUES ${tuples.join(', ')}`;
}

/**
 * DuckDB binds each parameter of a statement separately, which makes large multi-row INSERTs slow (about
 * 3,500 rows a second). Its appender is fast but does no casting of ours, so rows are appended as text
 * into an all-VARCHAR staging table and cast into the real one with INSERT ... SELECT, in the same
 * transaction as the rest of the copy.
 */
async function duckDbInserter(store: DuckDbStore, table: string, names: readonly string[], types: readonly string[]): Promise<Inserter> {
  const stage = `tenure_copy_${table}`;
  await store.run(`CREATE TEMP TABLE ${stage} (${names.map((_, i) => `c${i} VARCHAR`).join(', ')})`);
  const casts = types.map((type, i) => `CAST(c${i} AS ${type})`).join(', ');
  return {
    async rows(batch) {
      const appender = await store.connection.createAppender(stage, 'main', 'temp');
      try {
        for (const row of batch) {
          for (const value of row) {
            if (value === null || value === undefined) appender.appendNull();
            else appender.appendVarchar(String(value));
          }
          appender.endRow();
        }
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
      await store.run(`INSERT INTO ${table} (${names.join(', ')}) SELECT ${casts} FROM ${stage}`);
      await store.run(`DELETE FROM ${stage}`);
    },
    async close() {
      await store.run(`DROP TABLE IF EXISTS ${stage}`);
    },
  };
}

function toParams(row: RowValues): SqlValue[] {
  return row.map((value) => (value === null || value === undefined ? null : String(value)));
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The figures both sides must agree on, each computed by its own engine as exact text. */
async function fingerprint(store: Store): Promise<{ counts: Map<string, number>; events: number; revenue: string | null; byKind: KindTotals[] }> {
  const counts = new Map<string, number>();
  for (const table of copiedTables) {
    const [row] = await store.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
    counts.set(table, Number(row?.n ?? 0));
  }
  const [totals] = await store.query<{ events: number; revenue: string | null }>(
    `SELECT count(*) AS events, CAST(sum(amount) FILTER (WHERE kind = 'order_completed') AS VARCHAR) AS revenue FROM events`,
  );
  const byKind = (await store.query<{ kind: string; events: number; amount: string | null }>(
    'SELECT kind, count(*) AS events, CAST(sum(amount) AS VARCHAR) AS amount FROM events GROUP BY kind',
  ))
    .map((r) => ({ kind: r.kind, events: Number(r.events), amount: r.amount }))
    // Sorted here: the engines' collations may order strings differently.
    .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  return { counts, events: Number(totals?.events ?? 0), revenue: totals?.revenue ?? null, byKind };
}

/** Compares the figures of a finished copy; throws naming the first table that disagrees. */
export async function verifyCopy(source: Store, target: Store, copied: CopyReport['tables']): Promise<CopyReport['verified']> {
  const want = await fingerprint(source);
  const got = await fingerprint(target);
  const where = `copying ${source.location} to ${target.location}`;
  for (const { table, rows } of copied) {
    const a = want.counts.get(table);
    const b = got.counts.get(table);
    if (a !== b || b !== rows) throw new Error(`verification failed ${where}: table ${table} has ${a} rows in the source, ${b} in the target (${rows} copied)`);
  }
  if (want.revenue !== got.revenue) throw new Error(`verification failed ${where}: table events revenue is ${want.revenue} in the source, ${got.revenue} in the target`);
  const show = (k: KindTotals[]) => k.map((x) => `${x.kind}=${x.events}/${x.amount}`).join(', ');
  if (show(want.byKind) !== show(got.byKind)) {
    throw new Error(`verification failed ${where}: table events by kind differs: source ${show(want.byKind)}; target ${show(got.byKind)}`);
  }
  return { events: got.events, revenue: got.revenue, byKind: got.byKind };
}
