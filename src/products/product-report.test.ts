/**
 * Products and categories over a month, every figure worked out by hand, on DuckDB and on PostgreSQL
 * when TENURE_TEST_POSTGRES_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load-config.js';
import type { CanonicalEvent } from '../domain/event.js';
import { appendEvents } from '../ingest/append-events.js';
import { event } from '../lifecycle/histories.case.js';
import { runCli } from '../testing/run-cli.js';
import { engineTitle, testEngines, type TestStore } from '../testing/test-stores.js';
import { productReport } from './product-report.js';

const beans = (quantity: number, price: number) => ({ product_id: 'p1', name: 'Beans', category: 'coffee', quantity, price, list_price: 20, cost: 8 });
const order = (customer: string, at: string, id: string, amount: string, products: unknown[]) =>
  event('order_completed', customer, at, { orderId: id, amount, fullPrice: true, properties: { order_id: id, products } });

const history: CanonicalEvent[] = [
  // alice is high value at the end of January: 4 full-price orders from September to January, average
  // 67.50 against bob's 40 (the median of the two is 53.75).
  order('alice', '2025-09-01', 'a1', '60.00', [beans(3, 20)]),
  order('alice', '2025-11-01', 'a2', '60.00', [beans(3, 20)]),
  order('alice', '2025-12-20', 'a3', '100.00', [beans(5, 20)]), // before the range
  order('alice', '2026-01-05', 'o1', '50.00', [beans(2, 20), { product_id: 'p2', name: 'Mug', category: 'gear', quantity: 1, price: 10, list_price: 12, cost: 4 }]),
  order('bob', '2026-01-10', 'o2', '40.00', [beans(1, 16), { product_id: 'p3', name: 'Tea', category: 'tea', quantity: 2, price: 12 }]),
  event('order_refunded', 'bob', '2026-01-20', { orderId: 'o2', amount: '20.00', properties: { order_id: 'o2' } }), // half of o2
  order('carol', '2026-02-02', 'o3', '20.00', [beans(1, 20)]), // after the range
];

for (const engine of testEngines) {
  describe.skipIf(engine.skip)(engineTitle(engine, 'productReport'), () => {
    let test: TestStore;
    beforeAll(async () => {
      test = await engine.open();
      await appendEvents(test.store, history, { source: 'test' });
    });
    afterAll(() => test?.cleanup());
    const range = { from: '2026-01-01', to: '2026-01-31', config: parseConfig({}) };

    it('gives each product its figures, most profitable first, and those of the high-value customers', async () => {
      const report = await productReport(test.store, range);
      expect(report).toMatchObject({ by: 'product', currency: 'USD', highValueCustomers: 1 });
      expect(report.rows.map((r) => r.key)).toEqual(['p1', 'p2', 'p3']);
      const [p1, p2, p3] = report.rows;
      // Beans: alice 2 x 20 at list price, bob 1 x 16 (4 off the list price of 20), half of bob's order refunded.
      // Revenue 56, refunds 8, net 48, cost 3 x 8 = 24, margin 24; 2 of 3 units at full price.
      expect(p1).toMatchObject({ name: 'Beans', category: 'coffee', units: 3, orders: 2, customers: 2, revenue: 56, discounts: 4, refunds: 8, netRevenue: 48, cost: 24, margin: 24, marginRate: 0.5, costCoverage: 1 });
      expect(p1?.fullPriceShare).toBeCloseTo(2 / 3, 12);
      // alice's share: 2 units, 40 net, cost 16, margin 24.
      expect(p1?.highValue).toMatchObject({ units: 2, orders: 1, customers: 1, revenue: 40, refunds: 0, netRevenue: 40, cost: 16, margin: 24, marginRate: 0.6, fullPriceShare: 1 });
      // The mug: 10 paid against 12 listed, cost 4.
      expect(p2).toMatchObject({ units: 1, revenue: 10, discounts: 2, netRevenue: 10, cost: 4, margin: 6, marginRate: 0.6, fullPriceShare: 0 });
      // Tea: no list price (full price), no cost (no margin), half refunded.
      expect(p3).toMatchObject({ units: 2, revenue: 24, refunds: 12, netRevenue: 12, cost: 0, margin: 0, marginRate: null, costCoverage: 0, fullPriceShare: 1 });
      expect(p3?.highValue).toMatchObject({ units: 0, revenue: 0 });
      // All of January: 90 paid, 6 off, 20 refunded, margin 30 on 58 net of the costed lines.
      expect(report.totals).toMatchObject({ units: 6, orders: 2, customers: 2, revenue: 90, discounts: 6, refunds: 20, netRevenue: 70, cost: 28, margin: 30 });
      expect(report.totals.marginRate).toBeCloseTo(30 / 58, 12);
      expect(report.highValueTotals).toMatchObject({ units: 3, revenue: 50, margin: 30 });
    });

    it('groups by category', async () => {
      const report = await productReport(test.store, { ...range, by: 'category' });
      expect(report.rows.map((r) => [r.key, r.units, r.margin])).toEqual([['coffee', 3, 24], ['gear', 1, 6], ['tea', 2, 0]]);
    });
  });
}

describe('tenure products', () => {
  let test: TestStore;
  beforeAll(async () => {
    test = await testEngines[0]!.open();
    await appendEvents(test.store, history, { source: 'test' });
    await test.store.close();
  });
  afterAll(() => test?.cleanup());
  const db = () => `${test.dir}/tenure.duckdb`;

  it('lists the most profitable products, overall and among high-value customers', async () => {
    const result = await runCli('products', '--db', db(), '--from', '2026-01-01', '--to', '2026-01-31');
    expect(result.code).toBe(0);
    expect(result.out).toContain('products, 2026-01-01 to 2026-01-31: 6 units, net revenue 70.00 USD (6.00 discounts, 20.00 refunds), margin 30.00 (51.7%;');
    expect(result.out).toMatch(/p1\s+Beans\s+3\s+48\.00\s+24\.00\s+50\.0%\s+66\.7%\s+2/);
    expect(result.out).toContain('most profitable among the 1 high-value customers (as of 2026-01-31)');
    expect(result.out).toMatch(/p1\s+Beans\s+2\s+40\.00\s+24\.00\s+60\.0%\s+100\.0%\s+1/);
  });

  it('refuses an unknown grouping', async () => {
    const result = await runCli('products', '--db', db(), '--from', '2026-01-01', '--to', '2026-01-31', '--by', 'brand');
    expect(result.code).toBe(1);
    expect(result.err).toBe('tenure: --by "brand" is not a grouping (allowed: product, category)\n');
  });
});
