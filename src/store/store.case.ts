/**
 * The conformance suite every `Store` backend runs, after hono's `router/common.case.test.ts`: each
 * backend's test file calls `runStoreTests` with a factory, and lists any test it cannot pass with a reason.
 * Real engines only; what these tests pin down is what the rest of Tenure may rely on from either one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from './migrations/migrate.js';
import { migrations } from './migrations/index.js';
import type { Store } from './store.js';

export interface StoreTestOptions {
  name: string;
  /** A migrated store over a new, empty database of its own. */
  newStore: () => Promise<Store>;
  /** Opens the store at `location` (one newStore made, since closed) again, as a new process would. */
  reopen: (location: string) => Promise<Store>;
  skip?: ReadonlyArray<{ reason: string; tests: readonly string[] }>;
}

/** 69,659 amounts from 0.01 to 1,000.00 (see `amountCents`) add up to exactly this many cents. */
const amountCount = 69_659;
const amountTotalCents = 3_482_839_468;
const amountCents = (i: number): number => ((i * 7919) % 100_000) + 1;

export function runStoreTests({ name, newStore, reopen, skip = [] }: StoreTestOptions): void {
  const open = new Set<Store>();
  const fresh = async (): Promise<Store> => {
    const store = await newStore();
    open.add(store);
    return store;
  };
  const closeStore = async (store: Store): Promise<void> => {
    open.delete(store);
    await store.close();
  };
  afterEach(async () => {
    for (const store of open) await store.close().catch(() => undefined);
    open.clear();
  });

  const test = (title: string, fn: () => Promise<void>): void => {
    const skipped = skip.find((s) => s.tests.includes(title));
    if (skipped) it.skip(`${title} (skipped: ${skipped.reason})`, fn);
    else it(title, fn);
  };

  describe(`Store conformance: ${name}`, () => {
    describe('migrations', () => {
      test('apply once and are recorded', async () => {
        const store = await fresh();
        const applied = await store.query<{ version: number; name: string; applied_at: Date }>(
          'SELECT version, name, applied_at FROM schema_migrations ORDER BY version',
        );
        expect(applied.map((m) => [m.version, m.name])).toEqual(migrations.map((m) => [m.version, m.name]));
        for (const m of applied) expect(m.applied_at).toBeInstanceOf(Date);
        expect(await migrate(store)).toEqual([]);
        expect(await store.query('SELECT key, value FROM settings')).toEqual([{ key: 'reporting_currency', value: 'USD' }]);
      });

      test('re-opening a migrated store is a no-op', async () => {
        const store = await fresh();
        const before = await store.query('SELECT version, name, applied_at FROM schema_migrations ORDER BY version');
        await store.run(`INSERT INTO settings (key, value) VALUES ('kept', 'yes')`);
        await closeStore(store);
        const again = await reopen(store.location);
        open.add(again);
        expect(again.location).toBe(store.location);
        expect(await again.query('SELECT version, name, applied_at FROM schema_migrations ORDER BY version')).toEqual(before);
        expect(await again.query('SELECT key, value FROM settings ORDER BY key')).toEqual([
          { key: 'kept', value: 'yes' },
          { key: 'reporting_currency', value: 'USD' },
        ]);
      });

      test('the migrated schema takes full rows', async () => {
        const store = await fresh();
        const at = new Date('2024-02-29T23:59:59.123Z');
        await store.run(
          `INSERT INTO events (event_id, kind, customer_id, anonymous_id, occurred_at, amount, order_id, channel,
             platform, full_price, properties, import_id, source_row)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
          ['e1', 'order', 'c1', null, at, 19.99, 'o1', 'web', 'ios', true, '{"coupon":"X"}', 1, 7],
        );
        await store.run(
          `INSERT INTO model_fits (fit_id, created_at, as_of, data_from, data_to, purchase_model, spend_model,
             model_unit_days, purchase_fit, spend_fit, options)
           VALUES (1, $1, $2, NULL, $2, 'bgnbd', NULL, 7, $3, NULL, '{}')`,
          [at, '2024-02-29', '{"r":0.24}'],
        );
        await store.run(`INSERT INTO customer_scores VALUES (1, 'c1', 1.25, 0.5, NULL, 12.5, 19.99)`);
        expect(await store.query('SELECT * FROM events')).toEqual([
          {
            event_id: 'e1', kind: 'order', customer_id: 'c1', anonymous_id: null, occurred_at: at, amount: 19.99,
            order_id: 'o1', channel: 'web', platform: 'ios', full_price: true, properties: expect.any(String),
            import_id: 1, source_row: 7,
          },
        ]);
        const [fit] = await store.query('SELECT as_of, model_unit_days, purchase_fit FROM model_fits');
        expect(fit).toEqual({ as_of: new Date('2024-02-29T00:00:00Z'), model_unit_days: 7, purchase_fit: expect.any(String) });
        expect(await store.query('SELECT expected_purchases, clv FROM customer_scores')).toEqual([{ expected_purchases: 1.25, clv: 12.5 }]);
      });
    });

    describe('query and run', () => {
      test('parameters of each type bind and round-trip', async () => {
        const store = await fresh();
        await store.run('CREATE TABLE typed (s VARCHAR, i INTEGER, d DOUBLE PRECISION, b BOOLEAN, t TIMESTAMP, n BIGINT, z VARCHAR)');
        const at = new Date('2023-07-01T12:34:56.789Z');
        const text = `it's "quoted" — ünïcode, $1 and ; too`;
        expect(await store.run('INSERT INTO typed VALUES ($1, $2, $3, $4, $5, $6, $7)', [text, 42, 2.5, true, at, 9_007_199_254_740_993n, null])).toBe(1);
        const rows = await store.query(
          'SELECT * FROM typed WHERE s = $1 AND i = $2 AND d = $3 AND b = $4 AND t = $5 AND n = $6 AND z IS NULL',
          [text, 42, 2.5, true, at, 9_007_199_254_740_993n],
        );
        expect(rows).toEqual([{ s: text, i: 42, d: 2.5, b: true, t: at, n: 9_007_199_254_740_993n, z: null }]);
      });

      test('BIGINT comes back as a number when it fits and as a bigint when it does not', async () => {
        const store = await fresh();
        await store.run('CREATE TABLE big (n BIGINT)');
        await store.run('INSERT INTO big VALUES ($1), ($2), ($3)', [-5, 9_007_199_254_740_991n, -(2n ** 62n)]);
        expect((await store.query('SELECT n FROM big ORDER BY n')).map((r) => r.n)).toEqual([-(2n ** 62n), -5, 9_007_199_254_740_991]);
        const [counted] = await store.query('SELECT count(*) AS c, sum(n) AS s FROM big WHERE n > 0');
        expect(counted).toEqual({ c: 1, s: 9_007_199_254_740_991 });
      });

      test('run returns the number of rows changed', async () => {
        const store = await fresh();
        await store.run('CREATE TABLE counted (k INTEGER, v VARCHAR)');
        expect(await store.run(`INSERT INTO counted VALUES (1, 'a'), (2, 'b'), (3, 'c')`)).toBe(3);
        expect(await store.run('UPDATE counted SET v = $1 WHERE k >= $2', ['z', 2])).toBe(2);
        expect(await store.run('DELETE FROM counted WHERE k = $1', [99])).toBe(0);
        expect(await store.run('DELETE FROM counted WHERE k = $1', [1])).toBe(1);
      });

      test('rows are plain objects and an empty result is an empty array', async () => {
        const store = await fresh();
        const [row] = await store.query(`SELECT 1 AS one, 'x' AS ex`);
        expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
        expect(Object.keys(row ?? {})).toEqual(['one', 'ex']);
        expect(await store.query('SELECT key FROM settings WHERE key = $1', ['none'])).toEqual([]);
      });

      test(`a bad statement throws an Error with the engine's message`, async () => {
        const store = await fresh();
        await expect(store.query('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
        await expect(store.run('INSERT INTO settings (key, value) VALUES ($1, $2)', ['reporting_currency', 'EUR'])).rejects.toBeInstanceOf(Error);
        await expect(store.query('SELEC 1')).rejects.toThrow(/syntax error/i);
        // The store stays usable after an error.
        expect(await store.query('SELECT value FROM settings')).toEqual([{ value: 'USD' }]);
      });
    });

    describe('values', () => {
      test('DECIMAL sums are exact to the cent', async () => {
        const store = await fresh();
        await store.run('CREATE TABLE money (amount DECIMAL(18,4))');
        await store.run('INSERT INTO money VALUES ($1), ($2)', [0.1, 0.2]);
        const [row] = await store.query('SELECT sum(amount) AS total, min(amount) AS low FROM money');
        expect(row).toEqual({ total: 0.3, low: 0.1 });
        expect(0.1 + 0.2).not.toBe(0.3);
      });

      test(`${amountCount.toLocaleString('en')} DECIMAL amounts sum to the known total`, async () => {
        const store = await fresh();
        await store.run('CREATE TABLE money (amount DECIMAL(18,4))');
        let cents = 0;
        await store.transaction(async (tx) => {
          for (let start = 0; start < amountCount; start += 1000) {
            const batch = Array.from({ length: Math.min(1000, amountCount - start) }, (_, k) => amountCents(start + k));
            cents += batch.reduce((a, b) => a + b, 0);
            await tx.run(`INSERT INTO money VALUES ${batch.map((_, k) => `($${k + 1})`).join(', ')}`, batch.map((c) => c / 100));
          }
        });
        expect(cents).toBe(amountTotalCents);
        const [row] = await store.query('SELECT count(*) AS n, sum(amount) AS total FROM money');
        expect(row).toEqual({ n: amountCount, total: amountTotalCents / 100 });
      });

      test('timestamps round-trip in UTC', async () => {
        const store = await fresh();
        await store.run('CREATE TABLE times (t TIMESTAMP, d DATE)');
        const at = new Date('2024-03-31T01:30:00.250Z');
        await store.run('INSERT INTO times VALUES ($1, $2)', [at, '2024-03-31']);
        const [row] = await store.query<{ t: Date; d: Date; wall: string }>('SELECT t, d, CAST(t AS VARCHAR) AS wall FROM times');
        expect(row).toEqual({ t: at, d: new Date('2024-03-31T00:00:00Z'), wall: '2024-03-31 01:30:00.25' });
        expect(await store.query('SELECT t FROM times WHERE t = $1', [new Date(at.getTime())])).toHaveLength(1);
        const [now] = await store.query<{ now: Date }>('SELECT CAST(now() AS TIMESTAMP) AS now');
        expect(Math.abs((now?.now.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
      });

      test('timestamps do not depend on the process time zone', async () => {
        const store = await fresh();
        await store.run('CREATE TABLE times (t TIMESTAMP, d DATE)');
        const at = new Date('2024-07-04T23:15:00.000Z');
        const zone = process.env.TZ;
        process.env.TZ = 'America/New_York';
        try {
          expect(at.getHours()).toBe(19);
          await store.run('INSERT INTO times VALUES ($1, $2)', [at, '2024-07-04']);
          const [row] = await store.query('SELECT t, d, CAST(t AS VARCHAR) AS wall FROM times');
          expect(row).toEqual({ t: at, d: new Date('2024-07-04T00:00:00Z'), wall: '2024-07-04 23:15:00' });
        } finally {
          if (zone === undefined) delete process.env.TZ;
          else process.env.TZ = zone;
        }
      });

      test('JSON columns round-trip as JSON text', async () => {
        const store = await fresh();
        await store.run('CREATE TABLE docs (id INTEGER, doc JSON)');
        const doc = { a: 1, b: [1, 2.5, null], c: 'x "y"', d: { e: true } };
        await store.run('INSERT INTO docs VALUES (1, $1), (2, NULL)', [JSON.stringify(doc)]);
        const rows = await store.query<{ id: number; doc: string | null }>('SELECT id, doc FROM docs ORDER BY id');
        expect(typeof rows[0]?.doc).toBe('string');
        expect(rows.map((r) => (r.doc === null ? null : JSON.parse(r.doc)))).toEqual([doc, null]);
        expect(await store.query(`SELECT doc ->> 'c' AS c FROM docs WHERE id = 1`)).toEqual([{ c: 'x "y"' }]);
      });
    });

    describe('transactions', () => {
      test('commit: all of the work lands and its result is returned', async () => {
        const store = await fresh();
        await store.run('CREATE TABLE tx (k INTEGER)');
        const result = await store.transaction(async (tx) => {
          await tx.run('INSERT INTO tx VALUES (1), (2)');
          return (await tx.query('SELECT count(*) AS n FROM tx'))[0]?.n;
        });
        expect(result).toBe(2);
        expect(await store.query('SELECT k FROM tx ORDER BY k')).toEqual([{ k: 1 }, { k: 2 }]);
      });

      test('an error inside rolls everything back', async () => {
        const store = await fresh();
        await store.run('CREATE TABLE tx (k INTEGER)');
        await store.run('INSERT INTO tx VALUES (0)');
        const failure = new Error('work failed');
        await expect(
          store.transaction(async (tx) => {
            await tx.run('INSERT INTO tx VALUES (1)');
            await tx.run('UPDATE tx SET k = 10 WHERE k = 0');
            await tx.run(`UPDATE settings SET value = 'EUR'`);
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect(await store.query('SELECT k FROM tx')).toEqual([{ k: 0 }]);
        expect(await store.query('SELECT value FROM settings')).toEqual([{ value: 'USD' }]);
      });

      test('a failed statement inside rolls everything back', async () => {
        const store = await fresh();
        await store.run('CREATE TABLE tx (k INTEGER PRIMARY KEY)');
        await expect(
          store.transaction(async (tx) => {
            await tx.run('INSERT INTO tx VALUES (1)');
            await tx.run('INSERT INTO tx VALUES (1)');
          }),
        ).rejects.toBeInstanceOf(Error);
        expect(await store.query('SELECT k FROM tx')).toEqual([]);
        // A later transaction starts clean.
        await store.transaction((tx) => tx.run('INSERT INTO tx VALUES (2)'));
        expect(await store.query('SELECT k FROM tx')).toEqual([{ k: 2 }]);
      });

      test('a nested transaction joins the outer one', async () => {
        const store = await fresh();
        await store.run('CREATE TABLE tx (k INTEGER)');
        await expect(
          store.transaction(async (outer) => {
            await outer.run('INSERT INTO tx VALUES (1)');
            await outer.transaction(async (inner) => {
              await inner.run('INSERT INTO tx VALUES (2)');
              expect(await inner.query('SELECT count(*) AS n FROM tx')).toEqual([{ n: 2 }]);
            });
            // The store the transaction was started on joins it too, as DuckDB's single connection does.
            expect(await store.query('SELECT count(*) AS n FROM tx')).toEqual([{ n: 2 }]);
            throw new Error('undo both');
          }),
        ).rejects.toThrow('undo both');
        expect(await store.query('SELECT count(*) AS n FROM tx')).toEqual([{ n: 0 }]);

        await store.transaction(async (outer) => {
          await outer.transaction((inner) => inner.run('INSERT INTO tx VALUES (3)'));
          await outer.run('INSERT INTO tx VALUES (4)');
        });
        expect(await store.query('SELECT k FROM tx ORDER BY k')).toEqual([{ k: 3 }, { k: 4 }]);
      });
    });
  });
}
