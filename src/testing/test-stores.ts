/**
 * The engines a test can run on, each opening a fresh, migrated store beside a temp folder for the
 * test's files: always DuckDB (a file in that folder), and PostgreSQL (a schema of its own) when
 * TENURE_TEST_POSTGRES_URL is set. Tests loop over `testEngines` and skip the PostgreSQL leg with its
 * reason when it is not.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import type { Store } from '../store/store.js';
import { testPostgresUrl, testSchemas } from './postgres-schemas.js';

export interface TestStore {
  store: Store;
  /** A temp folder for the test's own files, removed by `cleanup`. */
  dir: string;
  cleanup(): Promise<void>;
}

export interface TestEngine {
  name: 'DuckDB' | 'PostgreSQL';
  /** Why this engine's tests are skipped, when they are. */
  skip?: string;
  open(): Promise<TestStore>;
}

export const postgresSkipReason = 'skipped: set TENURE_TEST_POSTGRES_URL, e.g. from scripts/postgres-for-tests.sh';

export const duckDbEngine: TestEngine = {
  name: 'DuckDB',
  async open() {
    const dir = await mkdtemp(join(tmpdir(), 'tenure-test-'));
    const store = await DuckDbStore.open(join(dir, 'tenure.duckdb'));
    return {
      store,
      dir,
      async cleanup() {
        // A test may have closed the store already, to hand its location to the CLI.
        await store.close().catch(() => undefined);
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

export const postgresEngine: TestEngine = {
  name: 'PostgreSQL',
  ...(testPostgresUrl ? {} : { skip: postgresSkipReason }),
  async open() {
    if (!testPostgresUrl) throw new Error(`no PostgreSQL for tests: ${postgresSkipReason}`);
    const schemas = testSchemas(testPostgresUrl);
    const dir = await mkdtemp(join(tmpdir(), 'tenure-test-'));
    const store = await PostgresStore.open(await schemas.create());
    return {
      store,
      dir,
      async cleanup() {
        await store.close().catch(() => undefined);
        await schemas.dropAll();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

export const testEngines: readonly TestEngine[] = [duckDbEngine, postgresEngine];

/** The describe title for an engine, with the reason when it is skipped. */
export const engineTitle = (engine: TestEngine, what: string): string => `${what} on ${engine.name}${engine.skip ? ` (${engine.skip})` : ''}`;
