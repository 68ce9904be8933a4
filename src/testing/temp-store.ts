/** A real DuckDB file in a fresh temp folder, for tests and benchmarks; removed by `cleanup`. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CanonicalEvent } from '../domain/event.js';
import { appendEvents } from '../ingest/append-events.js';
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';

export interface TempStore {
  store: DuckDbStore;
  dir: string;
  path: string;
  cleanup(): Promise<void>;
}

export async function tempStore(): Promise<TempStore> {
  const dir = await mkdtemp(join(tmpdir(), 'tenure-test-'));
  const path = join(dir, 'tenure.duckdb');
  const store = await DuckDbStore.open(path);
  return {
    store,
    dir,
    path,
    async cleanup() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A temp DuckDB file holding `events` (imported as from `source`), closed: for tests of the CLI, which opens the file itself. */
export async function tempStoreFileWith(events: readonly CanonicalEvent[], source: string): Promise<TempStore> {
  const temp = await tempStore();
  await appendEvents(temp.store, events, { source });
  await temp.store.close();
  return temp;
}

/** Where the shared real data sets live, relative to the project root. */
export const sharedData = (name: string) => join(import.meta.dirname, '..', '..', '..', 'shared', 'data', name);
