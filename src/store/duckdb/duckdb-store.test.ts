import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { runStoreTests } from '../store.case.js';
import { DuckDbStore } from './duckdb-store.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

runStoreTests({
  name: 'DuckDB',
  newStore: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tenure-store-'));
    dirs.push(dir);
    return DuckDbStore.open(join(dir, 'tenure.duckdb'));
  },
  reopen: (location) => DuckDbStore.open(location),
});
