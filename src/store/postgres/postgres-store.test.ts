/**
 * The conformance suite on PostgreSQL, when TENURE_TEST_POSTGRES_URL names a database to use (start one
 * with scripts/postgres-for-tests.sh). Every store gets a schema of its own, dropped afterwards, so runs
 * and test files do not see each other's tables.
 */
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { testSchemas } from '../../testing/postgres-schemas.js';
import { runStoreTests } from '../store.case.js';
import { PostgresStore, withoutPassword } from './postgres-store.js';

const baseUrl = process.env.TENURE_TEST_POSTGRES_URL;

if (!baseUrl) {
  describe.skip('Store conformance: PostgreSQL (skipped: set TENURE_TEST_POSTGRES_URL, e.g. from scripts/postgres-for-tests.sh)', () => {
    it('runs the conformance suite', () => undefined);
  });
} else {
  const schemas = testSchemas(baseUrl);
  afterAll(() => schemas.dropAll());

  runStoreTests({
    name: 'PostgreSQL',
    newStore: async () => PostgresStore.open(await schemas.create()),
    reopen: (location) => PostgresStore.open(location),
  });

  describe('PostgresStore', () => {
    it('keeps the password out of its location', () => {
      expect(withoutPassword('postgres://tenure:s3cret@db.example:5432/tenure?sslmode=require&password=x')).toBe(
        'postgres://tenure@db.example:5432/tenure?sslmode=require',
      );
    });

    it('bulk-loads CSV with COPY, in a transaction or on its own', async () => {
      const store = await PostgresStore.open(await schemas.create());
      try {
        await store.run('CREATE TABLE t (id INTEGER, name VARCHAR, amount DECIMAL(18,4))');
        const copied = await store.copyFrom('COPY t FROM STDIN (FORMAT csv)', Readable.from(['1,"a, b",1.5\n', '2,,\n3,"",0.0001\n']));
        expect(copied).toBe(3);
        // An unquoted empty field is NULL, a quoted one the empty string (DuckDB writes CSV the same way).
        expect(await store.query('SELECT id, name, amount FROM t ORDER BY id')).toEqual([
          { id: 1, name: 'a, b', amount: 1.5 },
          { id: 2, name: null, amount: null },
          { id: 3, name: '', amount: 0.0001 },
        ]);
        await expect(
          store.transaction(async (tx) => {
            await (tx as PostgresStore).copyFrom('COPY t FROM STDIN (FORMAT csv)', Readable.from(['4,d,4\n']));
            throw new Error('undo');
          }),
        ).rejects.toThrow('undo');
        await expect(store.copyFrom('COPY t FROM STDIN (FORMAT csv)', Readable.from(['5,e,not a number\n']))).rejects.toThrow(/numeric/);
        expect(await store.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 3 }]);
      } finally {
        await store.close();
      }
    });

    it('names the store when it cannot connect', async () => {
      await expect(PostgresStore.open('postgres://tenure:pw@127.0.0.1:1/none')).rejects.toThrow(
        /^cannot open the store postgres:\/\/tenure@127\.0\.0\.1:1\/none: /,
      );
    });
  });
}
