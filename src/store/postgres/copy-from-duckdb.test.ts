/**
 * `copyFromDuckDb` on a real DuckDB and PostgreSQL: values arrive exactly (NULL and '' apart, quotes,
 * commas and line breaks, microseconds, decimals, JSON), and a failure on either end, before or during
 * the copy, leaves nothing behind: no rows, no temp folder, and both stores usable. Runs when
 * TENURE_TEST_POSTGRES_URL is set.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../duckdb/duckdb-store.js';
import { testPostgresUrl, testSchemas } from '../../testing/postgres-schemas.js';
import { postgresSkipReason } from '../../testing/test-stores.js';
import { copyFromDuckDb } from './copy-from-duckdb.js';
import { PostgresStore } from './postgres-store.js';

const copyDirs = async () => (await readdir(tmpdir())).filter((name) => name.startsWith('tenure-copy-'));

describe.skipIf(!testPostgresUrl)(`copyFromDuckDb${testPostgresUrl ? '' : ` (${postgresSkipReason})`}`, () => {
  const schemas = testSchemas(testPostgresUrl ?? '');
  let duck: DuckDbStore;
  let pg: PostgresStore;
  const savedTmpdir = process.env.TMPDIR;
  let privateTmp: string;

  beforeAll(async () => {
    // A temp folder of this test's own (os.tmpdir() reads TMPDIR), so other processes' copies do not show.
    privateTmp = await mkdtemp(join(tmpdir(), 'tenure-copy-test-'));
    process.env.TMPDIR = privateTmp;
    duck = await DuckDbStore.open(':memory:', { migrate: false });
    pg = await PostgresStore.open(await schemas.create(), { migrate: false });
    await pg.run('CREATE TABLE t (id INTEGER, name VARCHAR, ts TIMESTAMP, amount DECIMAL(18,4), doc JSONB)');
  });

  afterAll(async () => {
    await pg?.close();
    await duck?.close();
    await schemas.dropAll();
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
    await rm(privateTmp, { recursive: true, force: true });
  });

  it('moves every value exactly', async () => {
    const select = `SELECT * FROM (VALUES
        (1, 'a, "b"' || chr(10) || 'c', TIMESTAMP '2024-01-02 03:04:05.678901', CAST(0.0001 AS DECIMAL(18,4)), '{"k": [1, "x,y"]}'::JSON),
        (2, '', TIMESTAMP '1997-01-01 00:00:00', CAST(-12345678901234.5678 AS DECIMAL(18,4)), NULL::JSON),
        (3, NULL, TIMESTAMP '2024-02-29 23:59:59.999999', NULL, '{}'::JSON)) v(id, name, ts, amount, doc)`;
    const rows = await pg.transaction(() => copyFromDuckDb(duck, select, pg, 't (id, name, ts, amount, doc)'));
    expect(rows).toBe(3);
    expect(
      await pg.query(`SELECT id, name, CAST(ts AS VARCHAR) AS ts, CAST(amount AS VARCHAR) AS amount, CAST(doc AS VARCHAR) AS doc FROM t ORDER BY id`),
    ).toEqual([
      { id: 1, name: 'a, "b"\nc', ts: '2024-01-02 03:04:05.678901', amount: '0.0001', doc: '{"k": [1, "x,y"]}' },
      { id: 2, name: '', ts: '1997-01-01 00:00:00', amount: '-12345678901234.5678', doc: null },
      { id: 3, name: null, ts: '2024-02-29 23:59:59.999999', amount: null, doc: '{}' },
    ]);
    await pg.run('DELETE FROM t');
  });

  it('reports the rows sent as it goes', async () => {
    const seen: number[] = [];
    const rows = await copyFromDuckDb(duck, 'SELECT i, NULL, NULL, NULL, NULL FROM range(100000) r(i)', pg, 't (id, name, ts, amount, doc)', { onRows: (n) => seen.push(n) });
    expect(rows).toBe(100_000);
    expect(seen.at(-1)).toBe(100_000);
    await pg.run('DELETE FROM t');
  });

  it('goes through a temp file where the system has no mkfifo', async () => {
    const path = process.env.PATH;
    process.env.PATH = privateTmp;
    try {
      const seen: number[] = [];
      expect(await copyFromDuckDb(duck, `SELECT i, 'n' || i, NULL, NULL, NULL FROM range(5000) r(i)`, pg, 't (id, name, ts, amount, doc)', { onRows: (n) => seen.push(n) })).toBe(5000);
      expect(seen.at(-1)).toBe(5000);
      await expect(copyFromDuckDb(duck, 'SELECT no_such_column', pg, 't (id)')).rejects.toThrow(/no_such_column/);
    } finally {
      process.env.PATH = path;
    }
    expect(await pg.query(`SELECT count(*) AS n, max(name) AS last FROM t`)).toEqual([{ n: 5000, last: 'n999' }]);
    await pg.run('DELETE FROM t');
  });

  it('fails whole when DuckDB cannot run the query, or stops halfway', async () => {
    await expect(copyFromDuckDb(duck, 'SELECT no_such_column FROM range(3)', pg, 't (id)')).rejects.toThrow(/no_such_column/);
    // The cast fails on a row far into the result, after many rows have gone.
    await expect(
      copyFromDuckDb(duck, `SELECT CAST(CASE WHEN i = 900000 THEN 'x' ELSE CAST(i AS VARCHAR) END AS INTEGER) FROM range(1000000) r(i)`, pg, 't (id)'),
    ).rejects.toThrow(/Could not convert string 'x'/);
    expect(await pg.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 0 }]);
  });

  it('fails whole when PostgreSQL refuses a row, and both stores stay usable', async () => {
    await expect(copyFromDuckDb(duck, `SELECT CASE WHEN i = 500000 THEN 'x' ELSE CAST(i AS VARCHAR) END FROM range(1000000) r(i)`, pg, 't (id)')).rejects.toThrow(
      /invalid input syntax for type integer: "x"/,
    );
    // The same with progress reported, which reads the pipe through one more stream.
    await expect(
      copyFromDuckDb(duck, `SELECT CASE WHEN i = 500000 THEN 'x' ELSE CAST(i AS VARCHAR) END FROM range(1000000) r(i)`, pg, 't (id)', { onRows: () => undefined }),
    ).rejects.toThrow(/invalid input syntax for type integer: "x"/);
    await expect(copyFromDuckDb(duck, 'SELECT 1', pg, 'no_such_table (id)')).rejects.toThrow(/no_such_table/);
    expect(await pg.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 0 }]);
    expect(await duck.query('SELECT 42 AS answer')).toEqual([{ answer: 42 }]);
    expect(await copyFromDuckDb(duck, 'SELECT 7', pg, 't (id)')).toBe(1);
    expect(await copyDirs()).toEqual([]);
  });
});
