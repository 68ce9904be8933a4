/**
 * The conformance suite on PostgreSQL, when TENURE_TEST_POSTGRES_URL names a database to use (start one
 * with scripts/postgres-for-tests.sh). Every store gets a schema of its own, dropped afterwards, so runs
 * and test files do not see each other's tables.
 */
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

    it('names the store when it cannot connect', async () => {
      await expect(PostgresStore.open('postgres://tenure:pw@127.0.0.1:1/none')).rejects.toThrow(
        /^cannot open the store postgres:\/\/tenure@127\.0\.0\.1:1\/none: /,
      );
    });
  });
}
