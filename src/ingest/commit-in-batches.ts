/**
 * Stages and commits a stream of canonical events a batch at a time, so that loading the
 * million-customer demo (some 24 million events) or a large JSON-lines file needs memory for one batch,
 * not for the whole stream. Batching changes no result: each batch is deduplicated against everything
 * the earlier batches committed.
 */
import type { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import type { Store } from '../store/store.js';
import type { Reject } from '../domain/event.js';
import { commitStaged, type CommitCounts } from './commit-staged.js';
import { reportingCurrency } from '../store/settings.js';
import { stageCanonicalEvents, type NumberedEvent } from './stage-canonical.js';
import { withStagingEngine } from './staging-engine.js';

export const defaultBatchSize = 1_000_000;

/** Yields at most `limit` items of an iterator, leaving the rest in it. */
async function* take<T>(iterator: AsyncIterator<T>, limit: number, state: { done: boolean }): AsyncGenerator<T> {
  for (let i = 0; i < limit; i++) {
    const next = await iterator.next();
    if (next.done) {
      state.done = true;
      return;
    }
    yield next.value;
  }
}

/**
 * Stages each batch in `engine` and commits it into `store`; `engine` is the store itself when it is
 * DuckDB, or else a scratch DuckDB (see staging-engine.ts), made here when not given.
 */
export async function commitInBatches(
  store: Store,
  events: AsyncIterable<NumberedEvent>,
  options: {
    importId: number;
    source: string;
    rates: Readonly<Record<string, string>>;
    /** Filled by the reader as it goes (bad JSON lines); each batch commits what has been found so far. */
    rejects: (Reject & { raw?: string })[];
    batchSize?: number;
  },
  engine?: DuckDbStore,
): Promise<CommitCounts> {
  if (!engine) return withStagingEngine(store, (scratch) => commitInBatches(store, events, options, scratch));
  const iterator = events[Symbol.asyncIterator]();
  const state = { done: false };
  const currency = await reportingCurrency(store);
  const totals: CommitCounts = { accepted: 0, duplicates: 0, rejected: 0 };
  while (!state.done) {
    await stageCanonicalEvents(engine, take(iterator, options.batchSize ?? defaultBatchSize, state));
    const counts = await commitStaged(store, engine, {
      importId: options.importId,
      source: options.source,
      reportingCurrency: currency,
      rates: options.rates,
      extraRejects: options.rejects.splice(0),
    });
    totals.accepted += counts.accepted;
    totals.duplicates += counts.duplicates;
    totals.rejected += counts.rejected;
  }
  return totals;
}
