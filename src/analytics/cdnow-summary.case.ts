/**
 * The published CDNOW summary check, shared by every engine's test: the summary as of 1997-09-30 in weeks
 * must reproduce the lifetimes library's cdnow_customers_summary.csv (frequency, recency, T) and the
 * with-transactions file's zbar (monetary value) for all 2,357 sample customers.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { CustomerSummaryRow } from '../analytics/customer-summary.js';
import { sharedData } from '../testing/temp-store.js';

export function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const names = (header ?? '').split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
}

export function expectCdnowSummary(rows: readonly CustomerSummaryRow[]): void {
  const expected = readCsv(sharedData('cdnow/cdnow_customers_summary.csv'));
  const withSpend = new Map(readCsv(sharedData('cdnow/cdnow_customers_summary_with_transactions.csv')).map((r) => [r.ID, r]));
  // The sample file zero-pads its ids ("0001"); the published summary writes them as numbers.
  const byId = new Map(rows.map((r) => [String(Number(r.customer_id)), r]));
  expect(expected).toHaveLength(2357);
  expect(rows).toHaveLength(2357);
  for (const want of expected) {
    const got = byId.get(want.ID ?? '');
    expect(got, `customer ${want.ID}`).toBeDefined();
    expect(got?.frequency, `frequency of ${want.ID}`).toBe(Number(want.frequency));
    // The published files round to 2 decimals; a value half a cent away is the same value rounded.
    const close = (value: number | undefined, published: string | undefined) => Math.abs((value ?? Number.NaN) - Number(published)) <= 0.005 + 1e-9;
    expect(close(got?.recency, want.recency), `recency of ${want.ID}: ${got?.recency} vs ${want.recency}`).toBe(true);
    expect(close(got?.T, want.T), `T of ${want.ID}: ${got?.T} vs ${want.T}`).toBe(true);
    const zbar = withSpend.get(want.ID ?? '')?.zbar;
    expect(close(got?.monetary_value, zbar), `monetary value of ${want.ID}: ${got?.monetary_value} vs ${zbar}`).toBe(true);
  }
}
