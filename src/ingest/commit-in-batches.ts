/**
 * Stages and commits a stream of canonical events a batch at a time, so that loading the
 * million-customer demo (some 24 million events) or a large JSON-lines file needs memory for one batch,
 * not for the whole stream. Batching changes no result: each batch is deduplicated against everything
 * the earlier batches committed.
 */
import type { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import type { Reject } from '../domain/event.js';
import { commitStaged, type CommitCounts } from './commit-staged.js';
import { reportingCurrency } from './import-log.js';
import { stageCanonicalEvents, type NumberedEvent } from './stage-canonical.js';

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

export async function commitInBatches(
  store: DuckDbStore,
  events: AsyncIterable<NumberedEvent>,
  options: {
    importId: number;
    source: string;
    rates: Readonly<Record<string, string>>;
    /** Filled by the reader as it goes (bad JSON lines); each batch commits what has been found so far. */
    rejects: (Reject & { raw?: string })[];
    batchSize?: number;
  },
): Promise<CommitCounts> {
  const iterator = events[Symbol.asyncIterator]();
  const state = { done: false };
  const currency = await reportingCurrency(store);
  const totals: CommitCounts = { accepted: 0, duplicates: 0, rejected: 0 };
  while (!state.done) {
    await stageCanonicalEvents(store, take(iterator, options.batchSize ?? defaultBatchSize, state));
    const counts = await commitStaged(store, {
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
