/**
 * Fresh PostgreSQL schemas for tests on the database TENURE_TEST_POSTGRES_URL names (start one with
 * scripts/postgres-for-tests.sh): each store gets a schema of its own, selected through the URL's
 * `options=-c search_path=...`, so runs and test files never see each other's tables. `dropAll` removes them.
 */
import { randomUUID } from 'node:crypto';
import { PostgresStore } from '../store/postgres/postgres-store.js';

export const testPostgresUrl: string | undefined = process.env.TENURE_TEST_POSTGRES_URL || undefined;

export interface TestSchemas {
  /** Creates an empty schema and returns a URL whose connections use it. */
  create(): Promise<string>;
  dropAll(): Promise<void>;
}

export function testSchemas(baseUrl: string): TestSchemas {
  const schemas: string[] = [];
  let admin: PostgresStore | undefined;
  return {
    async create() {
      admin ??= await PostgresStore.open(baseUrl, { migrate: false });
      const schema = `tenure_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
      schemas.push(schema);
      await admin.run(`CREATE SCHEMA ${schema}`);
      const url = new URL(baseUrl);
      url.searchParams.set('options', [url.searchParams.get('options'), `-c search_path=${schema}`].filter(Boolean).join(' '));
      return url.toString();
    },
    async dropAll() {
      if (!admin) return;
      for (const schema of schemas.splice(0)) await admin.run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.close();
      admin = undefined;
    },
  };
}
