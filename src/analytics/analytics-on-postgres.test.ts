/**
 * The analytics queries on PostgreSQL give what they give on DuckDB: the CDNOW sample, copied over with
 * `copyStore`, reproduces the published CDNOW summary there too, and a small hand-made log with anonymous
 * events, a refund and same-day orders summarises identically on both engines. Runs when
 * TENURE_TEST_POSTGRES_URL is set (scripts/postgres-for-tests.sh).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCdnowSummary } from './cdnow-summary.case.js';
import { importFile } from '../ingest/import-file.js';
import { copyStore } from '../store/copy-store.js';
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import type { Store } from '../store/store.js';
import { testPostgresUrl, testSchemas } from '../testing/postgres-schemas.js';
import { sharedData } from '../testing/temp-store.js';
import { customerSummary } from './customer-summary.js';
import { storeStatus } from './store-status.js';
import { runCli } from '../testing/run-cli.js';

describe.skipIf(!testPostgresUrl)('analytics on PostgreSQL (TENURE_TEST_POSTGRES_URL)', () => {
  const schemas = testSchemas(testPostgresUrl ?? '');
  let dir: string;
  let duck: DuckDbStore;
  let pgUrl: string;
  let pg: PostgresStore;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tenure-pg-analytics-'));
    const path = join(dir, 'cdnow.duckdb');
    const source = await DuckDbStore.open(path);
    await importFile(source, sharedData('cdnow/CDNOW_sample.txt'), { columns: ['master_id', 'customer_id', 'date', 'quantity', 'amount'] });
    await source.close();
    pgUrl = await schemas.create();
    await copyStore(path, pgUrl);
    duck = await DuckDbStore.open(path);
    pg = await PostgresStore.open(pgUrl);
  });

  afterAll(async () => {
    await pg?.close();
    await duck?.close();
    await schemas.dropAll();
    await rm(dir, { recursive: true, force: true });
  });

  it('reproduces cdnow_customers_summary.csv as of 1997-09-30 in weeks, for all 2,357 customers', async () => {
    const rows = await customerSummary(pg, { asOf: '1997-09-30', unit: 'week' });
    expectCdnowSummary(rows);
    expect(rows).toEqual(await customerSummary(duck, { asOf: '1997-09-30', unit: 'week' }));
  });

  it('reports the same status as DuckDB', async () => {
    const status = await storeStatus(pg);
    expect(status).toMatchObject({ customers: 2357, events: 6919, orders: 6919, firstEvent: '1997-01-01T00:00:00.000Z' });
    expect(status).toEqual(await storeStatus(duck));
  });

  it('answers tenure status and tenure summary for a postgres:// --db', async () => {
    const pgStatus = await runCli('status', '--db', pgUrl, '--json');
    expect(pgStatus.code).toBe(0);
    expect(JSON.parse(pgStatus.out)).toEqual(await storeStatus(duck));
    const pgSummary = await runCli('summary', '--db', pgUrl, '--as-of', '1997-09-30');
    expect(pgSummary.code).toBe(0);
    expect(pgSummary.out).toBe((await runCli('summary', '--db', duck.location, '--as-of', '1997-09-30')).out);
  });

  it('recognises every event copied from DuckDB when the same file is imported again', async () => {
    const again = await runCli('import', sharedData('cdnow/CDNOW_sample.txt'), '--columns', 'master_id,customer_id,date,quantity,amount', '--db', pgUrl, '--json');
    expect(again.code, again.err).toBe(0);
    expect(JSON.parse(again.out)).toEqual({ accepted: 0, duplicates: 6919, rejected: 0, rejects: [] });
  });
});

describe.skipIf(!testPostgresUrl)('analytics on both engines, hand-made log (TENURE_TEST_POSTGRES_URL)', () => {
  const schemas = testSchemas(testPostgresUrl ?? '');
  let dir: string;
  const stores: Store[] = [];

  // An anonymous order later linked to c1 by an identify, a second anonymous prospect never linked, two
  // orders by c1 on one day (one at a discount), a refund, and ids that sort differently under en_US
  // collation than in byte order ('a-2' before 'a10' bytewise).
  const events: [string, string | null, string | null, string, string | null, boolean | null][] = [
    ['order_completed', null, 'anon-1', '2024-01-02T09:00:00Z', '20.00', true],
    ['identify', 'c1', 'anon-1', '2024-01-05T12:00:00Z', null, null],
    ['order_completed', 'c1', null, '2024-01-10T08:00:00Z', '30.25', false],
    ['order_completed', 'c1', null, '2024-01-10T18:30:00.123456Z', '5.0050', true],
    ['order_completed', 'c1', null, '2024-02-01T00:00:00Z', '12.10', true],
    ['order_completed', 'a10', null, '2024-01-03T00:00:00Z', '7.77', true],
    ['order_refunded', 'a10', null, '2024-01-04T00:00:00Z', '7.77', null],
    ['order_completed', 'a-2', null, '2024-01-20T00:00:00Z', '100.0001', true],
    ['order_completed', 'a-2', null, '2024-03-01T00:00:00Z', '0.0001', true],
    ['page_viewed', null, 'anon-2', '2024-01-06T00:00:00Z', null, null],
  ];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tenure-engines-'));
    stores.push(await DuckDbStore.open(join(dir, 'hand.duckdb')), await PostgresStore.open(await schemas.create()));
    for (const store of stores) {
      for (const [row, [kind, customer, anonymous, at, amount, fullPrice]] of events.entries()) {
        await store.run(
          `INSERT INTO events (kind, customer_id, anonymous_id, occurred_at, amount, full_price, import_id, source_row)
           VALUES ($1, $2, $3, $4, CAST($5 AS DECIMAL(18,4)), $6, 1, $7)`,
          [kind, customer, anonymous, new Date(at), amount, fullPrice, row + 1],
        );
      }
    }
  });

  afterAll(async () => {
    for (const store of stores) await store.close();
    await schemas.dropAll();
    await rm(dir, { recursive: true, force: true });
  });

  it('resolves anonymous orders and summarises identically', async () => {
    const [duck, pg] = stores as [Store, Store];
    const want = await customerSummary(duck, { asOf: '2024-03-31', unit: 'day' });
    expect(want.map((r) => r.customer_id)).toEqual(['a-2', 'a10', 'c1']);
    // c1: the anonymous 20.00 on Jan 2 is theirs; Jan 10 is one transaction of 35.255; Feb 1 another.
    expect(want[2]).toMatchObject({ frequency: 2, recency: 30, T: 89, orders: 4, revenue: 67.355, first_purchase: '2024-01-02', last_purchase: '2024-02-01' });
    expect(want[2]?.monetary_value).toBeCloseTo((35.255 + 12.1) / 2, 12);
    expect(want[2]?.full_price_share).toBe(0.75);
    expect(await customerSummary(pg, { asOf: '2024-03-31', unit: 'day' })).toEqual(want);
    // Before the identify the anonymous order is nobody's yet.
    expect(await customerSummary(pg, { asOf: '2024-01-04', unit: 'day' })).toEqual(await customerSummary(duck, { asOf: '2024-01-04', unit: 'day' }));
  });

  it('reports the same status, prospects and refunds included', async () => {
    const [duck, pg] = stores as [Store, Store];
    const want = await storeStatus(duck);
    expect(want).toMatchObject({ customers: 3, anonymousProspects: 1, events: 10, orders: 7, revenue: 175.13, refunds: 7.77 });
    expect(Object.keys(want.eventsByKind)).toEqual(['identify', 'order_completed', 'order_refunded', 'page_viewed']);
    expect(await storeStatus(pg)).toEqual(want);
  });
});
