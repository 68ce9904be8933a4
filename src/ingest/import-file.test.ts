import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerSummary } from '../analytics/customer-summary.js';
import { storeStatus } from '../analytics/store-status.js';
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { formatDate } from '../store/sql-dialect.js';
import { engineTitle, testEngines, type TestEngine, type TestStore } from '../testing/test-stores.js';
import { importFile } from './import-file.js';

for (const engine of testEngines) {
  describe.skipIf(Boolean(engine.skip))(engineTitle(engine, 'importFile'), () => importFileTests(engine));
}

function importFileTests(engine: TestEngine): void {
  let temp: TestStore;
  beforeEach(async () => {
    temp = await engine.open();
  });
  afterEach(async () => temp.cleanup());

  function file(name: string, content: string): string {
    const path = join(temp.dir, name);
    writeFileSync(path, content);
    return path;
  }

  const day = () => formatDate(temp.store.dialect, 'occurred_at');

  describe('CSV', () => {
    it('imports customer_id,timestamp,amount as orders with no options', async () => {
      const path = file('orders.csv', 'customer_id,timestamp,amount\nc1,2024-01-05,10.50\nc1,2024-02-01T10:00:00Z,4.25\nc2,2024-01-07 08:30:00,99\n');
      const result = await importFile(temp.store, path);
      expect(result).toMatchObject({ accepted: 3, duplicates: 0, rejected: 0, rejects: [] });
      expect(await storeStatus(temp.store)).toMatchObject({ customers: 2, orders: 3, revenue: 113.75 });
    });

    it('reads semicolons, tabs and runs of whitespace, with or without a header', async () => {
      await importFile(temp.store, file('a.csv', 'customer;date;total\nc1;2024-01-05;1.00\n'));
      await importFile(temp.store, file('b.tsv', 'customer_id\ttimestamp\tamount\nc2\t2024-01-05\t2.00\n'));
      const ws = await importFile(temp.store, file('c.txt', '  c3   20240105    3.00\r\n  c4 20240106 4.00\r\n'), { columns: ['customer_id', 'date', 'amount'] });
      expect(ws).toMatchObject({ accepted: 2, rejected: 0 });
      expect(await storeStatus(temp.store)).toMatchObject({ customers: 4, orders: 4, revenue: 10 });
    });

    it('maps columns with --map and keeps unmapped columns as properties', async () => {
      const path = file('m.csv', 'client,when,paid,store\nk1,2024-03-01,5.5,north\n');
      const result = await importFile(temp.store, path, { mapping: { customer_id: 'client', timestamp: 'when', amount: 'paid' } });
      expect(result.accepted).toBe(1);
      const [row] = await temp.store.query<{ properties: string }>('SELECT CAST(properties AS VARCHAR) AS properties FROM events');
      expect(JSON.parse(row?.properties ?? '{}')).toEqual({ store: 'north' });
    });

    it('reads day-first dates when the file shows them, and --date-format decides', async () => {
      await importFile(temp.store, file('eu.csv', 'customer_id,date,amount\nc1,25/12/2023,1\nc2,03/04/2024,1\n'));
      await importFile(temp.store, file('us.csv', 'customer_id,date,amount\nc3,03/04/2024,1\n'), { dateFormat: 'DD/MM/YYYY' });
      const rows = await temp.store.query<{ customer_id: string; day: string }>(`SELECT customer_id, ${day()} AS day FROM events ORDER BY 1`);
      expect(rows).toEqual([
        { customer_id: 'c1', day: '2023-12-25' },
        { customer_id: 'c2', day: '2024-04-03' },
        { customer_id: 'c3', day: '2024-04-03' },
      ]);
    });

    it('takes YYYYMMDD and YYYY/MM/DD dates as no evidence of a day-first order', async () => {
      const result = await importFile(temp.store, file('ymd.csv', 'customer_id,date,amount\nc1,20240102,1\nc2,2024/01/03,1\nc3,03/04/2024,1\nc4,bad,1\n'));
      expect(result).toMatchObject({ accepted: 3, rejected: 1 });
      expect(result.rejects[0]?.reason).toContain('MM/DD/YYYY');
      const rows = await temp.store.query<{ day: string }>(`SELECT ${day()} AS day FROM events ORDER BY customer_id`);
      expect(rows.map((r) => r.day)).toEqual(['2024-01-02', '2024-01-03', '2024-03-04']);
    });

    it('keeps bad rows with row, field and reason while the good rows land', async () => {
      const path = file(
        'bad.csv',
        [
          'customer_id,timestamp,amount,quantity,currency',
          'c1,2024-01-05,10,1,USD', // 1 good
          'c2,2024-13-45,10,1,USD', // 2 bad date
          'c3,2024-01-05,10,-2,USD', // 3 negative quantity
          ',2024-01-05,10,1,USD', // 4 missing customer
          'c5,2024-01-05,10,1,EURO', // 5 bad currency code
          'c6,2024-01-05,abc,1,USD', // 6 amount not a number
          'c7,2024-01-05,10,1,USD,extra', // 7 too many fields
          'c8,2024-01-05,12,1,USD', // 8 good
          'c9,2024-01-05,10,1,EUR', // 9 no rate for EUR
          'c10,2024-01-0', // 10 truncated last line
        ].join('\n'),
      );
      const result = await importFile(temp.store, path);
      expect(result).toMatchObject({ accepted: 2, duplicates: 0, rejected: 8 });
      expect(result.rejects.map((r) => [r.row, r.field])).toEqual([
        [2, 'timestamp'],
        [3, 'quantity'],
        [4, 'customer_id'],
        [5, 'currency'],
        [6, 'amount'],
        [7, '(row)'],
        [9, 'currency'],
        [10, 'timestamp'],
      ]);
      expect(result.rejects[0]?.reason).toMatch(/cannot read "2024-13-45" as a date/);
      expect(result.rejects[1]?.reason).toBe('must not be negative');
      expect(result.rejects[5]?.reason).toBe('has 6 fields; expected 5');
      expect(result.rejects[6]?.reason).toMatch(/EUR differs from the reporting currency USD and no rate was given/);
      const stored = await temp.store.query<{ n: number }>('SELECT count(*) AS n FROM rejects');
      expect(stored[0]?.n).toBe(8);
    });

    it('converts other currencies with a rate column or --rate, keeping the original amount', async () => {
      const path = file('fx.csv', 'customer_id,timestamp,amount,currency,rate\nc1,2024-01-05,100,EUR,1.10\nc2,2024-01-05,10,GBP,\n');
      const result = await importFile(temp.store, path, { rates: { GBP: '1.25' } });
      expect(result).toMatchObject({ accepted: 2, rejected: 0 });
      const rows = await temp.store.query(`SELECT customer_id, amount, CAST(properties AS VARCHAR) AS properties FROM events ORDER BY 1`);
      expect(rows.map((r) => ({ ...r, properties: JSON.parse(String(r.properties)) }))).toEqual([
        { customer_id: 'c1', amount: 110, properties: { original_currency: 'EUR', original_amount: '100.0000' } },
        { customer_id: 'c2', amount: 12.5, properties: { original_currency: 'GBP', original_amount: '10.0000' } },
      ]);
      // The same rows again, at another rate, are the same events.
      expect(await importFile(temp.store, path, { rates: { GBP: '1.30' } })).toMatchObject({ accepted: 0, duplicates: 2 });
    });

    it('exits with all rows rejected when nothing is importable', async () => {
      const result = await importFile(temp.store, file('none.csv', 'customer_id,timestamp,amount\nc1,not a date,1\n'));
      expect(result).toMatchObject({ accepted: 0, duplicates: 0, rejected: 1 });
    });
  });

  describe('idempotency', () => {
    it('keeps two identical rows of one file as two events, and a re-import adds nothing', async () => {
      const content = 'customer_id,timestamp,amount\nc1,2024-01-05,10\nc1,2024-01-05,10\nc2,2024-01-06,5\n';
      expect(await importFile(temp.store, file('twice.csv', content))).toMatchObject({ accepted: 3, duplicates: 0 });
      expect(await importFile(temp.store, file('again.csv', content))).toMatchObject({ accepted: 0, duplicates: 3 });
      // A file with the row three times adds exactly the third copy.
      const more = 'customer_id,timestamp,amount\nc1,2024-01-05,10\nc1,2024-01-05,10\nc1,2024-01-05,10\n';
      expect(await importFile(temp.store, file('thrice.csv', more))).toMatchObject({ accepted: 1, duplicates: 2 });
      expect((await storeStatus(temp.store)).orders).toBe(4);
    });

    it('tells rows apart to the microsecond and by every column, NULLs included', async () => {
      const header = 'customer_id,anonymous_id,timestamp,amount,channel\n';
      const rows = ['c1,,2024-01-05T10:00:00.123456Z,10,', 'c1,,2024-01-05T10:00:00.123457Z,10,', ',c1,2024-01-05T10:00:00.123456Z,10,', 'c1,,2024-01-05T10:00:00.123456Z,10,web'];
      expect(await importFile(temp.store, file('a.csv', header + rows.join('\n')))).toMatchObject({ accepted: 4, duplicates: 0 });
      // The last microsecond of the file's range is inside it: the range is compared as exact text, not as a JavaScript Date.
      expect(await importFile(temp.store, file('b.csv', header + rows.join('\n')))).toMatchObject({ accepted: 0, duplicates: 4 });
      const more = [rows[1], 'c1,,2024-01-05T10:00:00.123457Z,10.0001,'].join('\n');
      expect(await importFile(temp.store, file('c.csv', header + more))).toMatchObject({ accepted: 1, duplicates: 1 });
      expect((await storeStatus(temp.store)).events).toBe(5);
    });

    it('deduplicates by the source id when rows carry one', async () => {
      const content = 'event_id,customer_id,timestamp,amount\ne1,c1,2024-01-05,10\ne1,c1,2024-01-05,10\ne2,c1,2024-01-06,10\n';
      expect(await importFile(temp.store, file('ids.csv', content))).toMatchObject({ accepted: 2, duplicates: 1 });
      expect(await importFile(temp.store, file('ids2.csv', content))).toMatchObject({ accepted: 0, duplicates: 3 });
    });
  });

  describe('JSONL', () => {
    it('reads Segment-shaped and flat lines and rejects malformed ones with their line numbers', async () => {
      const lines = [
        JSON.stringify({ type: 'identify', userId: 'u1', anonymousId: 'a1', timestamp: '2024-01-01T09:00:00Z', traits: { email: 'u1@example.com', country: 'NL' } }),
        JSON.stringify({ type: 'track', event: 'Order Completed', userId: 'u1', messageId: 'm1', timestamp: '2024-01-02T10:00:00Z', properties: { order_id: 'o1', revenue: 42.5, products: [{ product_id: 'p1', price: 42.5, list_price: 50, quantity: 1 }] } }),
        '{"type": "track", "event": "Order Completed", "userId": ', // malformed JSON
        JSON.stringify({ event: 'contact', customer_id: 'u1', timestamp: '2024-01-03', channel: 'pigeon' }), // not a contact channel
        JSON.stringify({ event: 'contact', customer_id: 'u1', timestamp: '2024-01-03', channel: 'chat' }),
        JSON.stringify({ event: 'order_completed', customer_id: 'u2', timestamp: '2024-01-04', amount: 5 }),
      ];
      const result = await importFile(temp.store, file('events.jsonl', `${lines.join('\n')}\n`));
      expect(result).toMatchObject({ accepted: 4, rejected: 2 });
      expect(result.rejects).toEqual([
        { row: 3, field: '(row)', reason: expect.stringMatching(/^is not valid JSON/) },
        { row: 4, field: 'properties.channel', reason: expect.stringMatching(/email.*social.*phone.*visit.*chat/) },
      ]);
      const [order] = await temp.store.query(`SELECT event_id, order_id, amount, full_price FROM events WHERE kind = 'order_completed' AND customer_id = 'u1'`);
      expect(order).toEqual({ event_id: 'm1', order_id: 'o1', amount: 42.5, full_price: false });
      const [customer] = await temp.store.query<{ traits: string }>(`SELECT CAST(traits AS VARCHAR) AS traits FROM customers WHERE customer_id = 'u1'`);
      expect(JSON.parse(customer?.traits ?? '{}')).toEqual({ email: 'u1@example.com', country: 'NL' });
    });

    it('reads dates with --date-format in JSON lines too', async () => {
      const result = await importFile(temp.store, file('eu.jsonl', '{"customer_id":"c1","date":"03.04.2024 10:30","amount":5}\n'), { dateFormat: 'DD.MM.YYYY HH:mm' });
      expect(result).toMatchObject({ accepted: 1, rejected: 0 });
      const [row] = await temp.store.query<{ at: Date }>('SELECT occurred_at AS at FROM events');
      expect(row?.at.toISOString()).toBe('2024-04-03T10:30:00.000Z');
    });

    it("makes a prospect's earlier anonymous events the customer's once identified, from then on", async () => {
      const lines = [
        { type: 'track', event: 'Order Completed', anonymousId: 'anon-7', timestamp: '2024-01-01T08:00:00Z', properties: { revenue: 20 } },
        { type: 'identify', userId: 'cust-7', anonymousId: 'anon-7', timestamp: '2024-01-10T08:00:00Z', traits: { name: 'Ada' } },
        { type: 'track', event: 'Order Completed', userId: 'cust-7', timestamp: '2024-01-20T08:00:00Z', properties: { revenue: 30 } },
      ];
      await importFile(temp.store, file('anon.jsonl', lines.map((l) => JSON.stringify(l)).join('\n')));
      const before = await customerSummary(temp.store, { asOf: '2024-01-05', unit: 'day' });
      expect(before).toEqual([]);
      const after = await customerSummary(temp.store, { asOf: '2024-01-31', unit: 'day' });
      expect(after).toHaveLength(1);
      expect(after[0]).toMatchObject({ customer_id: 'cust-7', frequency: 1, recency: 19, T: 30, monetary_value: 30, orders: 2, revenue: 50 });
    });
  });

  describe('Parquet', () => {
    it('reads Parquet files with typed columns', async () => {
      const path = join(temp.dir, 'orders.parquet');
      const writer = await DuckDbStore.open(':memory:', { migrate: false });
      await writer.run(`COPY (SELECT 'c' || i AS customer_id, TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) DAY AS timestamp,
        CAST(i * 1.5 AS DECIMAL(10,2)) AS amount FROM range(1, 4) t(i)) TO '${path}' (FORMAT PARQUET)`);
      await writer.close();
      const result = await importFile(temp.store, path);
      expect(result).toMatchObject({ accepted: 3, rejected: 0 });
      expect(await storeStatus(temp.store)).toMatchObject({ orders: 3, revenue: 9, firstEvent: '2024-01-02T00:00:00.000Z' });
    });
  });

  describe('batches', () => {
    it('gives the same result when a JSON-lines stream is committed in small batches', async () => {
      const { appendEvents } = await import('./append-events.js');
      const { parseJsonEvent } = await import('../domain/parse-json-event.js');
      const events = [1, 2, 3, 4, 5, 6, 5].map((n) => {
        const parsed = parseJsonEvent({ event: 'order_completed', customer_id: `c${n % 3}`, timestamp: `2024-01-0${n}`, amount: n, event_id: `e${n}` });
        if (!parsed.ok) throw new Error(parsed.reason);
        return parsed.event;
      });
      // Batches of 2 are [e1 e2] [e3 e4] [e5 e6] [e5]: the repeated e5 comes in a later batch and is still a duplicate.
      expect(await appendEvents(temp.store, events, { source: 'test', batchSize: 2 })).toMatchObject({ accepted: 6, duplicates: 1, rejected: 0 });
      expect(await appendEvents(temp.store, events, { source: 'test', batchSize: 3 })).toMatchObject({ accepted: 0, duplicates: 7 });
      expect(await storeStatus(temp.store)).toMatchObject({ orders: 6, revenue: 21 });
    });
  });
}
