/**
 * `copyStore` on the CDNOW sample: DuckDB to DuckDB always, and DuckDB to PostgreSQL and back when
 * TENURE_TEST_POSTGRES_URL is set. The expected figures are the source store's own, computed in SQL, so
 * the copies must agree with it to the cent and row for row.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeStatus, type StoreStatus } from '../analytics/store-status.js';
import { importFile } from '../ingest/import-file.js';
import { main } from '../surfaces/cli/main.js';
import { testPostgresUrl, testSchemas } from '../testing/postgres-schemas.js';
import { sharedData } from '../testing/temp-store.js';
import { copyStore, verifyCopy } from './copy-store.js';
import { DuckDbStore } from './duckdb/duckdb-store.js';

let dir: string;
let source: string;
let sourceStatus: StoreStatus;
let sourceRevenue: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tenure-copy-'));
  source = join(dir, 'source.duckdb');
  const store = await DuckDbStore.open(source);
  try {
    await importFile(store, sharedData('cdnow/CDNOW_sample.txt'), { columns: ['master_id', 'customer_id', 'date', 'quantity', 'amount'] });
    sourceStatus = await storeStatus(store);
    const [row] = await store.query<{ revenue: string }>(`SELECT CAST(sum(amount) AS VARCHAR) AS revenue FROM events WHERE kind = 'order_completed'`);
    sourceRevenue = row?.revenue ?? '';
  } finally {
    await store.close();
  }
  // A fit and its scores, so the DOUBLE, DATE and JSON columns of model_fits and customer_scores travel too.
  const scored = await main(['node', 'tenure', 'score', '--db', source, '--as-of', '1997-09-30', '--json'], { out: () => undefined, err: () => undefined, isTty: false });
  expect(scored).toBe(0);
  // A saved segment, so the definitions travel too.
  const saved = await main(['node', 'tenure', 'segments', 'save', 'big-spenders', '--db', source, '--filter', 'revenue > 100', '--description', 'Spent over 100'], {
    out: () => undefined, err: () => undefined, isTty: false,
  });
  expect(saved).toBe(0);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `tenure status --json` on a store, as a user would see it. */
async function cliStatus(db: string): Promise<unknown> {
  let out = '';
  const code = await main(['node', 'tenure', 'status', '--db', db, '--json'], { out: (s) => void (out += s), err: () => undefined, isTty: false });
  expect(code).toBe(0);
  return JSON.parse(out);
}

/**
 * The JSON columns of each table and the key its rows are ordered by. JSON is compared parsed: through
 * PostgreSQL it comes back from JSONB, which keeps every value but neither the whitespace nor the key order.
 */
const jsonColumns: Record<string, { json: string[]; key: string }> = {
  events: { json: ['properties'], key: 'import_id, source_row' },
  customers: { json: ['traits'], key: 'customer_id' },
  imports: { json: ['options'], key: 'import_id' },
  settings: { json: [], key: 'key' },
  rejects: { json: [], key: 'import_id, row_number, field' },
  model_fits: { json: ['purchase_fit', 'spend_fit', 'options'], key: 'fit_id' },
  customer_scores: { json: [], key: 'fit_id, customer_id' },
  segments: { json: [], key: 'name' },
};
const tables = Object.keys(jsonColumns);

/**
 * Rows of `table` that differ between two DuckDB files: the other columns compared as whole rows with
 * duplicates counted, the JSON columns parsed and compared row by row.
 */
async function differingRows(a: string, b: string, table: string): Promise<number> {
  const { json, key } = jsonColumns[table] ?? { json: [], key: '1' };
  const store = await DuckDbStore.open(a);
  try {
    await store.run(`ATTACH '${b.replaceAll("'", "''")}' AS other (READ_ONLY)`);
    const star = json.length === 0 ? '*' : `* EXCLUDE (${json.join(', ')})`;
    const [row] = await store.query<{ n: number }>(
      `SELECT count(*) AS n FROM ((SELECT ${star} FROM ${table} EXCEPT ALL SELECT ${star} FROM other.${table})
        UNION ALL (SELECT ${star} FROM other.${table} EXCEPT ALL SELECT ${star} FROM ${table}))`,
    );
    if (json.length > 0) {
      const read = async (from: string) =>
        (await store.query(`SELECT ${json.map((c) => `CAST(${c} AS VARCHAR) AS ${c}`).join(', ')} FROM ${from} ORDER BY ${key}`)).map((r) =>
          Object.values(r).map((v) => (typeof v === 'string' ? JSON.parse(v) : v)),
        );
      expect(await read(`other.${table}`), `${table} JSON`).toEqual(await read(table));
    }
    return row?.n ?? -1;
  } finally {
    await store.close();
  }
}

describe('copyStore', () => {
  it('has a CDNOW sample source of 6,919 events and 2,357 customers', () => {
    expect(sourceStatus).toMatchObject({ events: 6919, orders: 6919, customers: 2357 });
    // The sample file's fifth column summed with awk: 244091.94.
    expect(sourceRevenue).toBe('244091.9400');
  });

  it('copies DuckDB to DuckDB with every row, the same revenue to the cent and the same status', async () => {
    const target = join(dir, 'copy.duckdb');
    const report = await copyStore(source, target);
    expect(report.tables.find((t) => t.table === 'events')?.rows).toBe(6919);
    expect(report.tables.find((t) => t.table === 'imports')?.rows).toBe(1);
    expect(report.tables.find((t) => t.table === 'settings')?.rows).toBe(1);
    expect(report.tables.find((t) => t.table === 'model_fits')?.rows).toBe(1);
    expect(report.tables.find((t) => t.table === 'customer_scores')?.rows).toBe(2357);
    expect(report.tables.find((t) => t.table === 'segments')?.rows).toBe(1);
    expect(report.verified).toEqual({ events: 6919, revenue: sourceRevenue, byKind: [{ kind: 'order_completed', events: 6919, amount: sourceRevenue }] });
    for (const table of tables) expect(await differingRows(source, target, table), table).toBe(0);
    expect(await cliStatus(target)).toEqual(await cliStatus(source));
  });

  it('refuses a target that already holds data, saying what to do', async () => {
    const target = join(dir, 'twice.duckdb');
    await copyStore(source, target);
    await expect(copyStore(source, target)).rejects.toThrow(/is not empty \(its imports table has 1 rows\): copy into a new DuckDB file/);
  });

  it('names the table when the figures disagree after a copy', async () => {
    const target = join(dir, 'tampered.duckdb');
    const report = await copyStore(source, target);
    const [from, to] = [await DuckDbStore.open(source), await DuckDbStore.open(target)];
    try {
      await to.run(`UPDATE events SET amount = amount + 0.01 WHERE source_row = 1`);
      await expect(verifyCopy(from, to, report.tables)).rejects.toThrow(/verification failed copying .* table events revenue is 244091\.9400 in the source, 244091\.9500 in the target/);
      await to.run(`DELETE FROM customer_scores WHERE customer_id = '0001'`);
      await expect(verifyCopy(from, to, report.tables)).rejects.toThrow(/table customer_scores has 2357 rows in the source, 2356 in the target/);
    } finally {
      await from.close();
      await to.close();
    }
  });

  it('refuses a source that does not exist rather than creating it', async () => {
    await expect(copyStore(join(dir, 'missing.duckdb'), join(dir, 'x.duckdb'))).rejects.toThrow(/there is no store at .*missing\.duckdb/);
  });

  it('runs as `tenure db copy` and prints the verification', async () => {
    let out = '';
    const code = await main(['node', 'tenure', 'db', 'copy', '--from', source, '--to', join(dir, 'cli.duckdb'), '--json'], {
      out: (s) => void (out += s),
      err: () => undefined,
      isTty: false,
    });
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ verified: { events: 6919, revenue: sourceRevenue } });
    out = '';
    expect(await main(['node', 'tenure', 'db', 'copy', '--from', source, '--to', join(dir, 'cli-text.duckdb')], { out: (s) => void (out += s), err: () => undefined, isTty: false })).toBe(0);
    expect(out).toMatch(/^ {2}events +6,919 rows$/m);
    expect(out).toContain(`verified: row counts per table, 6,919 events, revenue ${sourceRevenue}\n  order_completed: 6,919 events, amount ${sourceRevenue}\n`);
  });
});

describe.skipIf(!testPostgresUrl)('copyStore through PostgreSQL (TENURE_TEST_POSTGRES_URL)', () => {
  const schemas = testSchemas(testPostgresUrl ?? '');
  afterAll(() => schemas.dropAll());

  it('copies DuckDB to PostgreSQL and back without changing a value', async () => {
    const url = await schemas.create();
    const there = await copyStore(source, url);
    expect(there.verified).toEqual({ events: 6919, revenue: sourceRevenue, byKind: [{ kind: 'order_completed', events: 6919, amount: sourceRevenue }] });
    const back = join(dir, 'back.duckdb');
    const again = await copyStore(url, back);
    expect(again.tables).toEqual(there.tables);
    for (const table of tables) expect(await differingRows(source, back, table), table).toBe(0);
    expect(await cliStatus(back)).toEqual(await cliStatus(source));
  });

  it('keeps quotes, commas, line breaks, empty strings and NULLs apart, by COPY from DuckDB and from PostgreSQL', async () => {
    const tricky = join(dir, 'tricky.duckdb');
    const store = await DuckDbStore.open(tricky);
    try {
      await store.run(`INSERT INTO imports (import_id, source, format, started_at, options) VALUES (1, 'a "quoted", file.csv', 'csv', now(), '{"note": "x,\\"y\\""}')`);
      await store.run(`INSERT INTO events (event_id, kind, customer_id, anonymous_id, occurred_at, amount, order_id, channel, platform, import_id, source_row)
        VALUES ('', 'contact', 'c,1', NULL, TIMESTAMP '2024-01-02 03:04:05.678901', NULL, '"', 'line one' || chr(10) || 'line two', ' padded ', 1, 1)`);
      await store.run(`INSERT INTO rejects VALUES (1, 'a "quoted", file.csv', 2, '', 'said "no", twice', 'raw,"line"' || chr(13) || chr(10) || 'next')`);
    } finally {
      await store.close();
    }
    const first = await schemas.create();
    await copyStore(tricky, first);
    const second = await schemas.create();
    await copyStore(first, second);
    const back = join(dir, 'tricky-back.duckdb');
    await copyStore(second, back);
    for (const table of ['imports', 'events', 'rejects']) expect(await differingRows(tricky, back, table), table).toBe(0);
  });
});
