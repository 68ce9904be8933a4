/**
 * Appends canonical events made in JavaScript (the demo generator, later the HTTP API) through the same
 * staging, dedupe and commit path as file imports, so every way in obeys the same rules.
 */
import type { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import type { CanonicalEvent } from '../domain/event.js';
import { commitStaged, type CommitCounts } from './commit-staged.js';
import { beginImport, finishImport, reportingCurrency } from './import-log.js';
import { stageCanonicalEvents, type NumberedEvent } from './stage-canonical.js';

async function* numbered(events: Iterable<CanonicalEvent> | AsyncIterable<CanonicalEvent>): AsyncGenerator<NumberedEvent> {
  let row = 0;
  for await (const event of events) yield { row: ++row, event };
}

export async function appendEvents(
  store: DuckDbStore,
  events: Iterable<CanonicalEvent> | AsyncIterable<CanonicalEvent>,
  options: { source: string; rates?: Readonly<Record<string, string>> },
): Promise<CommitCounts & { importId: number }> {
  const importId = await beginImport(store, options.source, 'events', {});
  await stageCanonicalEvents(store, numbered(events));
  const counts = await commitStaged(store, {
    importId,
    source: options.source,
    reportingCurrency: await reportingCurrency(store),
    rates: options.rates ?? {},
    extraRejects: [],
  });
  await finishImport(store, importId, counts);
  return { ...counts, importId };
}
