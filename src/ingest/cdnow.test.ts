/**
 * The CDNOW checks of the foundation, on every engine: the raw purchase logs import as published, and the
 * summary as of 1997-09-30 in weeks reproduces the lifetimes library's CDNOW summary for all 2,357 sample
 * customers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerSummary } from '../analytics/customer-summary.js';
import { storeStatus } from '../analytics/store-status.js';
import { sharedData } from '../testing/temp-store.js';
import { engineTitle, testEngines, type TestStore } from '../testing/test-stores.js';
import { expectCdnowSummary } from '../analytics/cdnow-summary.case.js';
import { importFile } from './import-file.js';

for (const engine of testEngines) {
  describe.skipIf(Boolean(engine.skip))(engineTitle(engine, 'CDNOW sample'), () => {
    let temp: TestStore;
    beforeAll(async () => {
      temp = await engine.open();
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
      const rows = await customerSummary(temp.store, { asOf: '1997-09-30', unit: 'week' });
      expectCdnowSummary(rows);
    });
  });

  describe.skipIf(Boolean(engine.skip))(engineTitle(engine, 'CDNOW master'), () => {
    let temp: TestStore;
    beforeAll(async () => {
      temp = await engine.open();
    });
    afterAll(async () => temp.cleanup());

    it('imports 23,570 customers, 69,659 orders and revenue 2,500,315.63 with no options', async () => {
      const result = await importFile(temp.store, sharedData('cdnow/CDNOW_master.txt'));
      expect(result).toMatchObject({ accepted: 69659, rejected: 0, duplicates: 0 });
      const status = await storeStatus(temp.store);
      expect(status).toMatchObject({ customers: 23570, orders: 69659, revenue: 2500315.63 });
      expect(status.firstEvent).toBe('1997-01-01T00:00:00.000Z');
      expect(status.lastEvent).toBe('1998-06-30T00:00:00.000Z');
      // To the cent, as the engine sums the stored decimals.
      const [sum] = await temp.store.query<{ revenue: string }>('SELECT CAST(sum(amount) AS VARCHAR) AS revenue FROM events');
      expect(sum?.revenue).toBe('2500315.6300');
    });

    it('adds nothing when the same file is imported again', async () => {
      const again = await importFile(temp.store, sharedData('cdnow/CDNOW_master.txt'));
      expect(again).toMatchObject({ accepted: 0, duplicates: 69659, rejected: 0 });
      expect((await storeStatus(temp.store)).orders).toBe(69659);
    });
  });
}
