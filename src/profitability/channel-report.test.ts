/**
 * Channels and platforms worked out by hand on the customers of economics.case.ts, on DuckDB and on
 * PostgreSQL when TENURE_TEST_POSTGRES_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load-config.js';
import { appendEvents } from '../ingest/append-events.js';
import { engineTitle, testEngines, type TestStore } from '../testing/test-stores.js';
import { channelReport } from './channel-report.js';
import { economics } from './economics.case.js';

for (const engine of testEngines) {
  describe.skipIf(engine.skip)(engineTitle(engine, 'channelReport'), () => {
    let test: TestStore;
    beforeAll(async () => {
      test = await engine.open();
      await appendEvents(test.store, economics, { source: 'test' });
    });
    afterAll(() => test?.cleanup());
    const range = { from: '2025-12-01', to: '2026-01-31', config: parseConfig({}) };

    it('credits each customer to the first touch and sets spend against what it brought', async () => {
      const report = await channelReport(test.store, range);
      expect(report).toMatchObject({ by: 'channel', attribution: 'first_touch', currency: 'USD', fitAsOf: null });
      expect(report.rows.map((r) => [r.key, r.spend, r.prospects, r.converted, r.customersAcquired])).toEqual([
        ['paid_search', 2, 1, 1, 1], // ann, first touched by the ad
        ['email', 1.5, 0, 0, 0], // ann's e-mail clicks: not her first touch
        ['social', 1.2, 1, 0, 0], // cara, who has not bought
        ['(none)', 0, 2, 2, 2], // bob and dan, never touched
      ]);
      const [search, , social, none] = report.rows;
      // ann: net 90, gross margin 60 over the 48 days from 15 December to the end of January (1.577 months):
      // 38.05 a month pays back a CAC of 2 in 2 x 48 / (30.4375 x 60) months.
      expect(search).toMatchObject({ cac: 2, revenue: 90, grossMargin: 60, historicalClv: 90, predictedClv: null, clvToCac: 45, conversionRate: 1 });
      expect(search?.paybackMonths).toBeCloseTo((2 * 48) / (30.4375 * 60), 12);
      expect(social).toMatchObject({ conversionRate: 0, cac: null, clvToCac: null });
      // Nothing spent on bob and dan: a CAC of 0, whose ratio and payback mean nothing.
      expect(none).toMatchObject({ cac: 0, revenue: 45, historicalClv: 22.5, clvToCac: null, paybackMonths: null });
    });

    it('groups by platform, and credits the last touch with last_touch attribution', async () => {
      const platforms = await channelReport(test.store, { ...range, by: 'platform' });
      expect(platforms.rows.map((r) => [r.key, r.spend, r.customersAcquired])).toEqual([['web', 2, 1], ['ios', 1.5, 0], ['android', 1.2, 0], ['(none)', 0, 2]]);
      const last = await channelReport(test.store, { ...range, config: parseConfig({ profitability: { attribution: 'last_touch' } }) });
      expect(last.rows.map((r) => [r.key, r.customersAcquired])).toEqual([['paid_search', 0], ['email', 1], ['social', 0], ['(none)', 2]]);
      expect(last.rows[1]).toMatchObject({ key: 'email', cac: 1.5, clvToCac: 60 });
    });

    it("adds the customers' predicted CLV from the latest model fit by the end of the range", async () => {
      await test.store.run(`INSERT INTO model_fits (fit_id, created_at, as_of, data_from, data_to, purchase_model, model_unit_days, purchase_fit, options)
        VALUES (7, TIMESTAMP '2026-01-31 12:00:00', DATE '2026-01-31', DATE '2025-12-01', DATE '2026-01-31', 'bgnbd', 7, '{}', '{}')`);
      await test.store.run(`INSERT INTO customer_scores (fit_id, customer_id, expected_purchases, probability_alive, expected_order_value, clv, historical_revenue)
        VALUES (7, 'ann', 1.5, 0.9, 60, 30, 90), (7, 'bob', 0.5, 0.5, 30, 10, 30)`);
      const report = await channelReport(test.store, range);
      expect(report.fitAsOf).toBe('2026-01-31');
      // ann: 90 so far and 30 predicted against a CAC of 2; bob 10 and dan none, averaged over those scored.
      expect(report.rows[0]).toMatchObject({ key: 'paid_search', predictedClv: 30, clvToCac: 60 });
      expect(report.rows[3]).toMatchObject({ key: '(none)', predictedClv: 10 });
      await test.store.run('DELETE FROM customer_scores WHERE fit_id = 7');
      await test.store.run('DELETE FROM model_fits WHERE fit_id = 7');
    });
  });
}
