/**
 * Per-customer profitability worked out by hand, on DuckDB and on PostgreSQL when
 * TENURE_TEST_POSTGRES_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load-config.js';
import { appendEvents } from '../ingest/append-events.js';
import { engineTitle, testEngines, type TestStore } from '../testing/test-stores.js';
import { customerProfitability, profitabilityReport } from './customer-profitability.js';
import { economics } from './economics.case.js';

for (const engine of testEngines) {
  describe.skipIf(engine.skip)(engineTitle(engine, 'profitabilityReport'), () => {
    let test: TestStore;
    beforeAll(async () => {
      test = await engine.open();
      await appendEvents(test.store, economics, { source: 'test' });
    });
    afterAll(() => test?.cleanup());
    const config = parseConfig({ profitability: { supportTicketCost: 5 } });

    it("gives each customer's profit, and the totals", async () => {
      const report = await profitabilityReport(test.store, { asOf: '2026-01-31', config, top: 5 });
      expect(report).toMatchObject({ currency: 'USD', attribution: 'first_touch', supportTicketCost: 5, customers: 3 });
      expect(report.most.map((c) => [c.customer_id, c.profit])).toEqual([['ann', 52.5], ['bob', 20], ['dan', 15]]);
      expect(report.least.map((c) => c.customer_id)).toEqual(['dan', 'bob', 'ann']);
      // ann: net 100 - 10 = 90; goods 2 x 15 = 30 (cost known for 80 of 100); one ticket 5; touches to her
      // first order 2.00 + 0.50; profit 90 - 30 - 5 - 2.50 = 52.50, ROI 52.50 / 7.50 = 7. First touch: the ad.
      expect(report.most[0]).toMatchObject({
        orders: 1, revenue: 100, discounts: 20, refunds: 10, netRevenue: 90, costOfGoods: 30, costCoverage: 0.8, grossMargin: 60,
        tickets: 1, costToServe: 5, acquisitionCost: 2.5, profit: 52.5, roi: 7, channel: 'paid_search', platform: 'web',
      });
      expect(report.most[1]).toMatchObject({ customer_id: 'bob', costCoverage: null, costToServe: 10, acquisitionCost: 0, roi: 2, channel: '(none)' });
      expect(report.most[2]).toMatchObject({ customer_id: 'dan', orders: 0, revenue: 15, roi: null });
      expect(report.totals).toMatchObject({ orders: 2, revenue: 145, discounts: 20, refunds: 10, netRevenue: 135, costOfGoods: 30, grossMargin: 105, tickets: 3, costToServe: 15, acquisitionCost: 2.5, profit: 87.5, costCoverage: 0.8 });
    });

    it('credits the last touch before the first purchase with last_touch attribution', async () => {
      const ann = await customerProfitability(test.store, { customerId: 'ann', asOf: '2026-01-31', config: parseConfig({ profitability: { attribution: 'last_touch' } }) });
      expect(ann).toMatchObject({ channel: 'email', platform: 'ios', acquisitionCost: 2.5, costToServe: 0, profit: 57.5 });
    });
  });
}
