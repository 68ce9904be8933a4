import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../testing/temp-store.js';
import { runCli } from '../../testing/run-cli.js';

let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore();
  // The CLI opens the file itself; the test store only prepares the folder.
  await temp.store.close();
});
afterEach(async () => temp.cleanup());

describe('tenure CLI', () => {
  it('imports with --json in the documented shape, and reports status and summary', async () => {
    const csv = join(temp.dir, 'orders.csv');
    writeFileSync(csv, 'customer_id,timestamp,amount\nc1,2024-01-01,10\nc1,2024-01-08,20\nc2,2024-01-03,5\nc3,someday,1\n');
    const imported = await runCli('import', csv, '--db', temp.path, '--json');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.out)).toEqual({
      accepted: 3,
      duplicates: 0,
      rejected: 1,
      rejects: [{ row: 4, field: 'timestamp', reason: expect.stringContaining('cannot read "someday" as a date') }],
    });

    const status = await runCli('status', '--db', temp.path, '--json');
    expect(JSON.parse(status.out)).toMatchObject({
      customers: 2, // c1 and c2; c3's only row was rejected
      events: 3,
      orders: 3,
      revenue: 35,
      firstEvent: '2024-01-01T00:00:00.000Z',
      lastEvent: '2024-01-08T00:00:00.000Z',
    });

    const summary = await runCli('summary', '--db', temp.path, '--as-of', '2024-01-15', '--unit', 'day', '--format', 'json');
    expect(JSON.parse(summary.out)).toEqual([
      expect.objectContaining({ customer_id: 'c1', frequency: 1, recency: 7, T: 14, monetary_value: 20, orders: 2, revenue: 30 }),
      expect.objectContaining({ customer_id: 'c2', frequency: 0, recency: 0, T: 12, monetary_value: 0, orders: 1, revenue: 5 }),
    ]);
    const csvOut = await runCli('summary', '--db', temp.path, '--as-of', '2024-01-15', '--unit', 'week');
    expect(csvOut.out.split('\n')[0]).toBe(
      'customer_id,frequency,recency,T,monetary_value,orders,revenue,average_order_value,full_price_share,first_purchase,last_purchase,days_since_last_purchase',
    );
    expect(csvOut.out.split('\n')[1]).toBe('c1,1,1,2,20,2,30,15,1,2024-01-01,2024-01-08,7');
  });

  it('exits non-zero only when nothing could be imported', async () => {
    const bad = join(temp.dir, 'bad.csv');
    writeFileSync(bad, 'customer_id,timestamp,amount\n,2024-01-01,10\n');
    const result = await runCli('import', bad, '--db', temp.path);
    expect(result.code).toBe(1);
    expect(result.out).toContain('row 1: customer_id is missing');
  });

  it('says clearly what is wrong with a bad option or a missing file', async () => {
    const missing = await runCli('import', join(temp.dir, 'nope.csv'), '--db', temp.path);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/cannot read .*nope\.csv: no such file/);
    const badDate = await runCli('summary', '--db', temp.path, '--as-of', '2024-02-30');
    expect(badDate.err).toContain('--as-of "2024-02-30" is not a date');
    const badMap = await runCli('import', join(temp.dir, 'x.csv'), '--db', temp.path, '--map', 'colour=c');
    expect(badMap.err).toContain('unknown event field "colour"');
  });

  it('loads the demo business idempotently, and its JSON-lines export imports to the same event log', async () => {
    const loaded = await runCli('demo', '--customers', '300', '--seed', '7', '--db', temp.path, '--json');
    expect(loaded.code).toBe(0);
    const first = JSON.parse(loaded.out);
    expect(first.accepted).toBeGreaterThan(3000);
    expect(first).toMatchObject({ duplicates: 0, rejected: 0 });
    expect(Object.keys(first.status.eventsByKind)).toHaveLength(25); // every kind in the catalogue
    const again = JSON.parse((await runCli('demo', '--customers', '300', '--seed', '7', '--db', temp.path, '--json')).out);
    expect(again).toMatchObject({ accepted: 0, duplicates: first.accepted });

    const jsonl = join(temp.dir, 'demo.jsonl');
    const otherDb = join(temp.dir, 'other.duckdb');
    expect((await runCli('demo', '--customers', '300', '--seed', '7', '--out', jsonl)).code).toBe(0);
    const imported = JSON.parse((await runCli('import', jsonl, '--db', otherDb, '--json')).out);
    expect(imported).toMatchObject({ accepted: first.accepted, rejected: 0 });
    const direct = JSON.parse((await runCli('status', '--db', temp.path, '--json')).out);
    const viaFile = JSON.parse((await runCli('status', '--db', otherDb, '--json')).out);
    expect({ ...viaFile, imports: 0 }).toEqual({ ...direct, imports: 0 });
  });
});
