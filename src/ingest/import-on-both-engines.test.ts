/**
 * The same files imported into DuckDB and into PostgreSQL give the same event log: equal rows (sorted by
 * where they came from, every value as the engine's own exact text), equal sums to the cent, equal
 * rejects and customer traits, and a re-import that adds nothing on either. Then `tenure import` and
 * `tenure demo` on a postgres:// URL. Runs when TENURE_TEST_POSTGRES_URL is set.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeStatus } from '../analytics/store-status.js';
import type { Store } from '../store/store.js';
import { sharedData } from '../testing/temp-store.js';
import { duckDbEngine, postgresEngine, type TestStore } from '../testing/test-stores.js';
import { importFile, type ImportResult } from './import-file.js';
import { runCli } from '../testing/run-cli.js';

/** Every stored event as text, properties parsed (JSONB keeps the values, not the key order), in source order. */
async function eventRows(store: Store): Promise<Record<string, unknown>[]> {
  const rows = await store.query<{ properties: string | null; import_id: number; source_row: number }>(
    `SELECT event_id, kind, customer_id, anonymous_id, CAST(occurred_at AS VARCHAR) AS occurred_at, CAST(amount AS VARCHAR) AS amount,
       order_id, channel, platform, full_price, CAST(properties AS VARCHAR) AS properties, import_id, source_row
     FROM events`,
  );
  return rows
    .map((r) => ({ ...r, properties: r.properties === null ? null : (JSON.parse(r.properties) as unknown) }))
    .sort((a, b) => a.import_id - b.import_id || a.source_row - b.source_row);
}

/** Sums and counts by kind, each computed by the engine as exact decimal text. */
async function sums(store: Store): Promise<unknown[]> {
  const rows = await store.query<{ kind: string }>(
    'SELECT kind, count(*) AS events, CAST(sum(amount) AS VARCHAR) AS amount, count(DISTINCT customer_id) AS customers FROM events GROUP BY kind',
  );
  return rows.sort((a, b) => (a.kind < b.kind ? -1 : 1));
}

async function sideTables(store: Store): Promise<unknown> {
  const rejects = await store.query<{ import_id: number; row_number: number; field: string }>('SELECT import_id, source, row_number, field, reason, raw FROM rejects');
  const customers = await store.query<{ customer_id: string; traits: string | null }>(
    'SELECT customer_id, CAST(traits AS VARCHAR) AS traits, CAST(identified_at AS VARCHAR) AS identified_at FROM customers',
  );
  return {
    rejects: rejects.sort((a, b) => a.import_id - b.import_id || a.row_number - b.row_number || (a.field < b.field ? -1 : 1)),
    customers: customers
      .map((c) => ({ ...c, traits: c.traits === null ? null : (JSON.parse(c.traits) as unknown) }))
      .sort((a, b) => (a.customer_id < b.customer_id ? -1 : 1)),
  };
}

const csv = [
  'event,event_id,customer_id,anonymous_id,timestamp,amount,currency,rate,quantity,discount,channel,order_id,note',
  'Order Completed,,c1,,2024-03-01T10:00:00.123456Z,19.99,,,2,,,o-1,"first, with a comma"',
  'Order Completed,,c1,,2024-03-01T10:00:00.123456Z,19.99,,,2,,,o-1,"first, with a comma"',
  'order_completed,,c2,,2024-03-02 08:00,100,EUR,1.0825,1,5,,o-2,"quoted ""word"""',
  'order_completed,,c3,,2024-03-02,10,GBP,,1,,,o-3,',
  'order_completed,,c4,,2024-03-03,12.5,JPY,,1,,,o-4,no rate',
  'contact,,c1,,2024-03-04,,,,,,phone,,"line one\nline two"',
  'contact,,c1,,2024-03-04,,,,,,pigeon,,',
  'order_refunded,,c1,,2024-03-05,19.99,,,,,,o-1,',
  'order_completed,e-9,,a-7,2024-03-06,7.0001,,,1,,,o-5,ünïcødé ✓',
  'order_completed,e-9,,a-7,2024-03-06,7.0001,,,1,,,o-5,repeated id',
  'identify,,c5,a-7,2024-03-07,,,,,,,,',
  'order_completed,,c6,,2024-02-30,1,,,,,,,',
  'order_completed,,c7,,2024-03-08,-3,,,,,,,',
  'teleported,,c8,,2024-03-08,,,,,,,,',
].join('\n');

const jsonl = [
  { type: 'identify', userId: 'u1', anonymousId: 'a1', messageId: 'm1', timestamp: '2024-01-01T09:00:00Z', traits: { email: 'old@example.com', country: 'NL' } },
  { type: 'identify', userId: 'u1', messageId: 'm2', timestamp: '2024-02-01T09:00:00Z', traits: { email: 'new@example.com', plan: { tier: 'gold', seats: 3 } } },
  { type: 'track', event: 'Order Completed', userId: 'u1', messageId: 'm3', timestamp: '2024-02-02T10:00:00.5Z', properties: { order_id: 'o9', revenue: 42.5, currency: 'EUR', products: [{ product_id: 'p1', price: 42.5, list_price: 50, quantity: 1 }] } },
  { type: 'track', event: 'Order Completed', userId: 'u2', timestamp: '2024-02-03T00:00:00Z', properties: { revenue: 3.3333 } },
].map((line) => JSON.stringify(line)).join('\n') + '\n{"type": broken\n';

describe.skipIf(Boolean(postgresEngine.skip))(`the same files into DuckDB and PostgreSQL${postgresEngine.skip ? ` (${postgresEngine.skip})` : ''}`, () => {
  let duck: TestStore;
  let pg: TestStore;
  const results: Record<'duck' | 'pg', ImportResult[]> = { duck: [], pg: [] };

  beforeAll(async () => {
    duck = await duckDbEngine.open();
    pg = await postgresEngine.open();
    writeFileSync(join(duck.dir, 'mixed.csv'), csv);
    writeFileSync(join(duck.dir, 'segment.jsonl'), jsonl);
    for (const [name, temp] of [['duck', duck], ['pg', pg]] as const) {
      const run = async (file: string) => results[name].push(await importFile(temp.store, join(duck.dir, file), { rates: { EUR: '1.09' } }));
      await run('mixed.csv');
      await run('segment.jsonl');
      await run('mixed.csv');
      await run('segment.jsonl');
      results[name].push(await importFile(temp.store, sharedData('cdnow/CDNOW_master.txt')));
    }
  });

  afterAll(async () => {
    await pg?.cleanup();
    await duck?.cleanup();
  });

  it('counts and rejects alike, and a re-import adds nothing on either', () => {
    const counts = (r: ImportResult) => ({ accepted: r.accepted, duplicates: r.duplicates, rejected: r.rejected, rejects: r.rejects });
    expect(results.pg.map(counts)).toEqual(results.duck.map(counts));
    expect(results.duck.map((r) => [r.accepted, r.duplicates, r.rejected])).toEqual([
      // Row 2 repeats row 1 without an id, so it is a second identical order; row 10 repeats row 9's id: a duplicate.
      [7, 1, 6],
      [4, 0, 1],
      [0, 8, 6],
      [0, 4, 1],
      [69659, 0, 0],
    ]);
    expect(results.pg[0]?.rejects.map((r) => [r.row, r.field])).toEqual([
      [4, 'currency'],
      [5, 'currency'],
      [7, 'channel'],
      [12, 'timestamp'],
      [13, 'amount'],
      [14, 'event'],
    ]);
  });

  it('stores equal event rows, to the microsecond and the last decimal', async () => {
    const want = await eventRows(duck.store);
    expect(want).toHaveLength(7 + 4 + 69659);
    expect(await eventRows(pg.store)).toEqual(want);
    const converted = want.find((r) => r.customer_id === 'c2');
    expect(converted).toMatchObject({ amount: '108.2500', properties: { original_currency: 'EUR', original_amount: '100.0000', quantity: 1 } });
  });

  it('sums every kind to the same cent', async () => {
    const want = await sums(duck.store);
    // CDNOW's 2,500,315.63, two orders of 19.99, 100 EUR at the row's 1.0825, 7.0001, 42.5 EUR at --rate 1.09 and 3.3333.
    expect(want).toContainEqual({ kind: 'order_completed', events: 69659 + 6, amount: '2500520.5184', customers: 23570 + 4 });
    expect(await sums(pg.store)).toEqual(want);
  });

  it('keeps the same rejects and customer traits', async () => {
    const want = (await sideTables(duck.store)) as { customers: { customer_id: string; traits: unknown }[] };
    expect(want.customers.find((c) => c.customer_id === 'u1')?.traits).toEqual({ email: 'new@example.com', country: 'NL', plan: { tier: 'gold', seats: 3 } });
    expect(await sideTables(pg.store)).toEqual(want);
    expect(await storeStatus(pg.store)).toEqual(await storeStatus(duck.store));
  });
});

describe.skipIf(Boolean(postgresEngine.skip))(`tenure import and tenure demo on a postgres:// URL${postgresEngine.skip ? ` (${postgresEngine.skip})` : ''}`, () => {
  let duck: TestStore;
  let pg: TestStore;
  beforeAll(async () => {
    duck = await duckDbEngine.open();
    pg = await postgresEngine.open();
    // The CLI opens the stores itself.
    await duck.store.close();
    await pg.store.close();
  });
  afterAll(async () => {
    await pg?.cleanup();
    await duck?.cleanup();
  });

  it('imports a file and loads the demo business as on DuckDB', async () => {
    const pgUrl = pg.store.location;
    const duckPath = duck.store.location;
    const file = join(duck.dir, 'orders.csv');
    writeFileSync(file, 'customer_id,timestamp,amount\nc1,2024-01-05,10.50\nc2,2024-01-06,oops\n');
    for (const db of [pgUrl, duckPath]) {
      const imported = await runCli('import', file, '--db', db, '--json');
      expect(imported.code, imported.err).toBe(0);
      expect(JSON.parse(imported.out)).toEqual({ accepted: 1, duplicates: 0, rejected: 1, rejects: [{ row: 2, field: 'amount', reason: '"oops" is not a number' }] });
    }
    const demo = async (db: string) => {
      const run = await runCli('demo', '--customers', '150', '--seed', '5', '--db', db, '--json');
      expect(run.code, run.err).toBe(0);
      const { accepted, duplicates, rejected, status } = JSON.parse(run.out) as Record<string, unknown>;
      return { accepted, duplicates, rejected, status };
    };
    const onPg = await demo(pgUrl);
    expect(onPg).toEqual(await demo(duckPath));
    expect(onPg.accepted).toBeGreaterThan(1000);
    // The same seed again: every event is already there.
    expect(await demo(pgUrl)).toMatchObject({ accepted: 0, duplicates: onPg.accepted, rejected: 0 });
  });
});

describe.skipIf(Boolean(postgresEngine.skip))(`a NUL character on PostgreSQL${postgresEngine.skip ? ` (${postgresEngine.skip})` : ''}`, () => {
  it('is a reject naming its field, and the rows beside it land', async () => {
    const pg = await postgresEngine.open();
    try {
      const file = join(pg.dir, 'events.jsonl');
      const lines = [
        { type: 'track', event: 'Order Completed', userId: 'c1', timestamp: '2024-01-05T00:00:00Z', properties: { revenue: 10, note: 'a\u0000b' } },
        { type: 'track', event: 'Order Completed', userId: 'c\u00002', timestamp: '2024-01-05T00:00:00Z', properties: { revenue: 11 } },
        // An escaped backslash before u0000 is plain text, which PostgreSQL stores.
        { type: 'track', event: 'Order Completed', userId: 'c3', timestamp: '2024-01-05T00:00:00Z', properties: { revenue: 12, note: 'a\\u0000b' } },
      ];
      writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
      const result = await importFile(pg.store, file);
      expect({ accepted: result.accepted, rejected: result.rejected }).toEqual({ accepted: 1, rejected: 2 });
      expect(result.rejects).toEqual([
        { row: 1, field: 'properties', reason: 'contains a NUL character (\\u0000), which PostgreSQL cannot store' },
        { row: 2, field: 'customer_id', reason: 'contains a NUL character, which PostgreSQL cannot store' },
      ]);
      expect(await pg.store.query("SELECT customer_id, properties->>'note' AS note FROM events")).toEqual([{ customer_id: 'c3', note: 'a\\u0000b' }]);
    } finally {
      await pg.cleanup();
    }
  });
});
