/**
 * The check the MRR facts are held to (mrr-facts.test.ts, mrr-report.test.ts): the report read from the
 * facts equals, field for field, the report that replays every customer's events (`replayAll`).
 */
import { expect } from 'vitest';
import { parseConfig } from '../config/load-config.js';
import type { Store } from '../store/store.js';
import { mrrReport, type MrrReportOptions } from './mrr-report.js';

const defaults = parseConfig({});

export async function expectSameAsReplay(store: Store, options: Omit<MrrReportOptions, 'config'> & { config?: MrrReportOptions['config'] }): Promise<void> {
  const full = { config: defaults, ...options };
  const fromFacts = await mrrReport(store, full);
  const replayed = await mrrReport(store, { ...full, replayAll: true });
  // The range's end and grouping beside the report, so a failure says which one differed.
  expect({ to: options.to, by: options.by, grain: options.grain, report: fromFacts }).toEqual({ to: options.to, by: options.by, grain: options.grain, report: replayed });
}
