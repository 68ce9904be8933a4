/**
 * The CDNOW checks of the foundation: the raw purchase logs import as published, and the summary as of
 * 1997-09-30 in weeks reproduces the lifetimes library's CDNOW summary for all 2,357 sample customers.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerSummary } from '../analytics/customer-summary.js';
import { storeStatus } from '../analytics/store-status.js';
import { sharedData, tempStore, type TempStore } from '../testing/temp-store.js';
import { importFile } from './import-file.js';

function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const names = (header ?? '').split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
}

describe('CDNOW sample', () => {
  let temp: TempStore;
  beforeAll(async () => {
    temp = await tempStore();
  });
  afterAll(async () => temp.cleanup());

  it('imports the 1-in-10 sample with its sample ids as customers', async () => {
    const result = await importFile(temp.store, sharedData('cdnow/CDNOW_sample.txt'), {
      columns: ['master_id', 'customer_id', 'date', 'quantity', 'amount'],
    });
    expect(result).toMatchObject({ accepted: 6919, duplicates: 0, rejected: 0 });
    expect(result.mapping).toMatchObject({ customer_id: 'customer_id', timestamp: 'date', quantity: 'quantity', amount: 'amount' });
  });

  it('reproduces cdnow_customers_summary.csv as of 1997-09-30 in weeks, for all 2,357 customers', async () => {
    const expected = readCsv(sharedData('cdnow/cdnow_customers_summary.csv'));
    const withSpend = new Map(readCsv(sharedData('cdnow/cdnow_customers_summary_with_transactions.csv')).map((r) => [r.ID, r]));
    const rows = await customerSummary(temp.store, { asOf: '1997-09-30', unit: 'week' });
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
  });
});

describe('CDNOW master', () => {
  let temp: TempStore;
  beforeAll(async () => {
    temp = await tempStore();
  });
  afterAll(async () => temp.cleanup());

  it('imports 23,570 customers, 69,659 orders and revenue 2,500,315.63 with no options', async () => {
    const result = await importFile(temp.store, sharedData('cdnow/CDNOW_master.txt'));
    expect(result).toMatchObject({ accepted: 69659, rejected: 0, duplicates: 0 });
    const status = await storeStatus(temp.store);
    expect(status).toMatchObject({ customers: 23570, orders: 69659, revenue: 2500315.63 });
    expect(status.firstEvent).toBe('1997-01-01T00:00:00.000Z');
    expect(status.lastEvent).toBe('1998-06-30T00:00:00.000Z');
  });

  it('adds nothing when the same file is imported again', async () => {
    const again = await importFile(temp.store, sharedData('cdnow/CDNOW_master.txt'));
    expect(again).toMatchObject({ accepted: 0, duplicates: 69659, rejected: 0 });
    expect((await storeStatus(temp.store)).orders).toBe(69659);
  });
});
