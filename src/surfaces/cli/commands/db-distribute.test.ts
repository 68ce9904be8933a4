/**
 * `tenure db distribute` through the CLI: in-process (`main`), and as the built program (`node
 * bin/tenure.js`, which `npm install` builds; run `npm run build` after changing the source) to see the
 * exit code and that a refusal is one line, never a stack trace. Citus itself cannot be installed here
 * (docs/scaling.md), so the PostgreSQL leg checks the refusal and the dry run.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { distributionPlan, planScript } from '../../../store/citus/distribution-plan.js';
import { tablePlacements } from '../../../store/citus/table-placement.js';
import { PostgresStore } from '../../../store/postgres/postgres-store.js';
import { testPostgresUrl, testSchemas } from '../../../testing/postgres-schemas.js';
import { tempStore, type TempStore } from '../../../testing/temp-store.js';
import { runCli } from '../../../testing/run-cli.js';

const root = join(import.meta.dirname, '..', '..', '..', '..');

/** The built CLI as a user runs it; resolves with its exit code and output whatever the code. */
async function spawnCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', [join(root, 'bin', 'tenure.js'), ...args], { cwd: root });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, out: failed.stdout ?? '', err: failed.stderr ?? '' };
  }
}

const oneLine = (text: string) => {
  expect(text.trimEnd().split('\n')).toHaveLength(1);
  expect(text).not.toMatch(/^\s+at /m);
};

describe('tenure db distribute on a DuckDB store', () => {
  let temp: TempStore;
  beforeEach(async () => {
    temp = await tempStore();
    await temp.store.close();
  });
  afterEach(async () => temp.cleanup());

  it('says distribution is for PostgreSQL with Citus and how to get there, with a non-zero exit', async () => {
    for (const args of [['--db', temp.path], ['--db', temp.path, '--dry-run']]) {
      const result = await runCli('db', 'distribute', ...args);
      expect(result.code).toBe(1);
      expect(result.out).toBe('');
      expect(result.err).toBe(
        `tenure: distribution is for PostgreSQL with Citus, and ${temp.path} is a DuckDB file: copy the store to the Citus coordinator ` +
          `with tenure db copy --from ${temp.path} --to postgres://user@host/db, then run tenure db distribute --db postgres://user@host/db\n`,
      );
    }
    const spawned = await spawnCli('db', 'distribute', '--db', temp.path);
    expect(spawned.code).toBe(1);
    expect(spawned.err).toMatch(/^tenure: distribution is for PostgreSQL with Citus/);
    oneLine(spawned.err);
  });

  it('checks --shard-count before anything else', async () => {
    expect((await runCli('db', 'distribute', '--db', temp.path, '--shard-count', 'many')).err).toContain("argument 'many' is invalid. expected a whole number");
    expect((await runCli('db', 'distribute', '--db', 'postgres://nobody@127.0.0.1:1/none', '--shard-count', '0')).err).toBe(
      "tenure: --shard-count must be a whole number from 1 to 64000 (Citus suggests 2 to 4 times the workers' CPU cores)\n",
    );
  });
});

describe.skipIf(!testPostgresUrl)('tenure db distribute on plain PostgreSQL (TENURE_TEST_POSTGRES_URL)', () => {
  const schemas = testSchemas(testPostgresUrl ?? '');
  let url: string;
  beforeAll(async () => {
    url = await schemas.create();
    await (await PostgresStore.open(url)).close();
  });
  afterAll(async () => schemas.dropAll());

  it('refuses without the citus extension, in one line, naming what to do', async () => {
    const result = await runCli('db', 'distribute', '--db', url);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^tenure: cannot distribute postgres:\/\/.*: the server has no citus extension: distribution needs PostgreSQL with Citus/);
    expect(result.err).toContain('tenure db distribute --dry-run prints the statements without running them');
    const spawned = await spawnCli('db', 'distribute', '--db', url);
    expect(spawned.code).toBe(1);
    expect(spawned.err).toBe(result.err);
    oneLine(spawned.err);
  });

  it('prints the exact statements with --dry-run (or --print), and notes that Citus is missing', async () => {
    const expected = planScript(distributionPlan({ tables: Object.keys(tablePlacements), citus: {}, placementKeyReady: false }, { shardCount: 48 }));
    for (const flag of ['--dry-run', '--print']) {
      const result = await runCli('db', 'distribute', '--db', url, flag, '--shard-count', '48');
      expect(result.code).toBe(0);
      expect(result.out).toBe(expected);
      expect(result.err).toMatch(/^note: postgres:\/\/.* has no citus extension; these statements are for a Citus coordinator\n$/);
    }
    const json = JSON.parse((await runCli('db', 'distribute', '--db', url, '--dry-run', '--json')).out);
    expect(json).toMatchObject({ dryRun: true, citus: { installed: null } });
    expect(json.tables).toContainEqual({ table: 'events', placement: 'distributed by customer_key, citus.shard_count shards', why: expect.any(String) });
    expect(json.steps.flatMap((s: { statements: string[] }) => s.statements)).toContain(
      "SELECT create_distributed_table('customers', 'customer_id', colocate_with => 'events')",
    );
  });
});
