/**
 * The CDNOW sample in a fresh store of any test engine (test-stores.ts). A PostgreSQL store is filled as
 * `tenure db copy` fills one: the sample is imported into a DuckDB file beside it and the whole store
 * moved with copyBetween, so both engines hold the same events whatever the importer does on PostgreSQL.
 */
import { join } from 'node:path';
import { importFile } from '../ingest/import-file.js';
import { copyBetween } from '../store/copy-store.js';
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { sharedData } from './temp-store.js';
import type { TestEngine, TestStore } from './test-stores.js';

async function importCdnowSample(store: DuckDbStore): Promise<void> {
  await importFile(store, sharedData('cdnow/CDNOW_sample.txt'), { columns: ['master_id', 'customer_id', 'date', 'quantity', 'amount'] });
}

/** The CDNOW sample (2,357 customers, 6,919 orders from 1997-01-01 to 1998-06-30) in a fresh store of the engine. */
export async function cdnowStore(engine: TestEngine): Promise<TestStore> {
  const target = await engine.open();
  try {
    if (target.store instanceof DuckDbStore) {
      await importCdnowSample(target.store);
      return target;
    }
    const source = await DuckDbStore.open(join(target.dir, 'cdnow.duckdb'));
    try {
      await importCdnowSample(source);
      await copyBetween(source, target.store);
    } finally {
      await source.close();
    }
    return target;
  } catch (error) {
    await target.cleanup();
    throw error;
  }
}
