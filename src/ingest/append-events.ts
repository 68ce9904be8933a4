/**
 * Appends canonical events made in JavaScript (the demo generator, later the HTTP API) through the same
 * staging, dedupe and commit path as file imports, so every way in obeys the same rules.
 */
import type { Store } from '../store/store.js';
import type { CanonicalEvent } from '../domain/event.js';
import type { CommitCounts } from './commit-staged.js';
import { commitInBatches } from './commit-in-batches.js';
import { beginImport, finishImport } from './import-log.js';
import type { NumberedEvent } from './stage-canonical.js';

async function* numbered(events: Iterable<CanonicalEvent> | AsyncIterable<CanonicalEvent>): AsyncGenerator<NumberedEvent> {
  let row = 0;
  for await (const event of events) yield { row: ++row, event };
}

export async function appendEvents(
  store: Store,
  events: Iterable<CanonicalEvent> | AsyncIterable<CanonicalEvent>,
  options: { source: string; rates?: Readonly<Record<string, string>>; batchSize?: number },
): Promise<CommitCounts & { importId: number }> {
  const importId = await beginImport(store, options.source, 'events', {});
  const counts = await commitInBatches(store, numbered(events), {
    importId,
    source: options.source,
    rates: options.rates ?? {},
    rejects: [],
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
  });
  await finishImport(store, importId, counts);
  return { ...counts, importId };
}
