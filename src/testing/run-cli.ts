/** Runs the tenure CLI in-process, as a user would from a shell, and returns its exit code and output. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyStore } from '../store/copy-store.js';
import { main } from '../surfaces/cli/main.js';
import { testPostgresUrl, testSchemas } from './postgres-schemas.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(...args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(['node', 'tenure', ...args], { out: (s) => void (out += s), err: (s) => void (err += s), isTty: false });
  return { code, out, err };
}

/**
 * Tests that each command prints on PostgreSQL exactly what it prints on a DuckDB file: the file (its
 * path from `duckDbPath`, once the tests run) is copied into a fresh schema, and each command runs on
 * both. Skipped without TENURE_TEST_POSTGRES_URL.
 */
export function describeSameOutputOnPostgres(title: string, duckDbPath: () => string, commands: readonly (readonly string[])[]): void {
  describe.skipIf(!testPostgresUrl)(`${title} on PostgreSQL (TENURE_TEST_POSTGRES_URL)`, () => {
    const schemas = testSchemas(testPostgresUrl ?? '');
    let url: string;
    beforeAll(async () => {
      url = await schemas.create();
      await copyStore(duckDbPath(), url);
    });
    afterAll(async () => schemas.dropAll());

    it('prints what it prints for the DuckDB file', async () => {
      for (const args of commands) {
        const onPg = await runCli(...args, '--db', url);
        expect(onPg.code).toBe(0);
        expect(onPg.out).toBe((await runCli(...args, '--db', duckDbPath())).out);
      }
    });
  });
}
