import { defineConfig } from 'vitest/config';

// CI sets this so that the PostgreSQL leg cannot quietly turn into skips (see .ci/run).
if (process.env.TENURE_TEST_REQUIRE_POSTGRES === '1' && !process.env.TENURE_TEST_POSTGRES_URL) {
  throw new Error('TENURE_TEST_REQUIRE_POSTGRES=1 but TENURE_TEST_POSTGRES_URL is not set: start one with scripts/postgres-for-tests.sh');
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // DuckDB files and the CDNOW imports make some tests take seconds; the machine has 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
