import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bgnbdExpectedTransactions, type BgNbdParams } from '../models/bgnbd/index.js';
import type { Store } from '../store/store.js';
import { cdnowStore } from '../testing/cdnow-store.js';
import { engineTitle, testEngines, type TestStore } from '../testing/test-stores.js';
import { scoreCustomers } from './score-customers.js';

/** Customer 0001's exact (x, t_x, T) in weeks as of 1997-09-30 (published rounded as 2, 30.43, 38.86). */
async function firstCustomerHistory(store: Store) {
  const [stored] = await store.query<{ recency: number; T: number }>(
    `SELECT CAST(max(CAST(occurred_at AS DATE)) - min(CAST(occurred_at AS DATE)) AS DOUBLE PRECISION) / 7 AS recency,
       CAST(DATE '1997-09-30' - min(CAST(occurred_at AS DATE)) AS DOUBLE PRECISION) / 7 AS "T"
     FROM events WHERE customer_id = '0001' AND occurred_at < DATE '1997-10-01'`,
  );
  return { frequency: 2, recency: stored?.recency ?? 0, T: stored?.T ?? 0 };
}

/** The columns of customer_scores as migration 002 makes them, with an extra check on customer_id. */
const customerScoresWith = (check: string) => `CREATE TABLE customer_scores (
  fit_id INTEGER NOT NULL, customer_id VARCHAR NOT NULL ${check}, expected_purchases DOUBLE PRECISION NOT NULL,
  probability_alive DOUBLE PRECISION NOT NULL, expected_order_value DOUBLE PRECISION, clv DOUBLE PRECISION,
  historical_revenue DOUBLE PRECISION NOT NULL)`;

for (const engine of testEngines) {
  describe.skipIf(Boolean(engine.skip))(engineTitle(engine, 'scoreCustomers on the CDNOW sample as of 1997-09-30'), () => {
    let cdnow: TestStore;
    beforeAll(async () => {
      cdnow = await cdnowStore(engine);
    });
    afterAll(async () => cdnow?.cleanup());

    it('stores predictions that match the published ones, with the fit they came from', async () => {
      const { store } = cdnow;
      const result = await scoreCustomers(store, { asOf: '1997-09-30', horizon: 39, unit: 'week', margin: 0.3, discountRate: 0.01, batchSize: 500 });
      expect(result).toMatchObject({ customers: 2357, purchaseModel: 'bgnbd', horizon: { length: 39, unit: 'week', months: 9, monthKind: 'average', modelUnitDays: 7 } });
      expect(result.purchaseFit.params.r).toBeCloseTo(0.243, 3);
      // Gamma-Gamma on CDNOW (Fader, Hardie & Lee 2005, "RFM and CLV"): p = 6.25, q = 3.74, gamma = 15.44.
      expect(result.spendFit?.params.p).toBeCloseTo(6.25, 1);
      expect(result.spendFit?.params.q).toBeCloseTo(3.74, 1);
      expect(result.spendFit?.params.gamma).toBeCloseTo(15.44, 0);

      const scores = await store.query<{ customer_id: string; expected_purchases: number; probability_alive: number; expected_order_value: number; clv: number }>(
        `SELECT * FROM customer_scores WHERE fit_id = $1`,
        [result.fitId],
      );
      expect(scores).toHaveLength(2357);
      // Customer 1 has x = 2, t_x = 30.43, T = 38.86 weeks. Fader, Hardie & Lee (2005, p. 280): the expected number of
      // purchases in the next 39 weeks is 1.226; the Gamma-Gamma expected spend is 24.65 (lifetimes' test, from Hardie's sheet).
      const first = scores.find((s) => s.customer_id === '0001');
      expect(first?.expected_purchases).toBeCloseTo(1.226, 2);
      expect(first?.expected_order_value).toBeCloseTo(24.65, 1);
      // CLV: 9 months of 30.4375 days, each month's expected purchases times the order value and margin, discounted at 1%.
      const params = result.purchaseFit.params as unknown as BgNbdParams;
      const history = await firstCustomerHistory(store);
      let clv = 0;
      for (let month = 1; month <= 9; month++) {
        const step = bgnbdExpectedTransactions(params, history, (month * 30.4375) / 7) - bgnbdExpectedTransactions(params, history, ((month - 1) * 30.4375) / 7);
        clv += (step * (first?.expected_order_value ?? 0) * 0.3) / 1.01 ** month;
      }
      expect(first?.clv).toBeCloseTo(clv, 6);
      // BG/NBD: a customer who never repeated is alive for sure (eq. 5 of the 2005 note); everyone else is at most 1.
      const once = await store.query<{ p: number; n: number }>(
        `SELECT min(s.probability_alive) AS p, count(*) AS n FROM customer_scores s
         JOIN (SELECT customer_id FROM events WHERE occurred_at < DATE '1997-10-01' GROUP BY customer_id HAVING count(DISTINCT CAST(occurred_at AS DATE)) = 1) o
           ON o.customer_id = s.customer_id
         WHERE s.fit_id = $1`,
        [result.fitId],
      );
      // 1,411 of the 2,357 made no repeat purchase in the calibration period (Fader, Hardie & Lee 2005, fig. 1's zero bar).
      expect(once[0]).toEqual({ p: 1, n: 1411 });
      expect(scores.every((s) => s.probability_alive >= 0 && s.probability_alive <= 1 && s.expected_purchases >= 0 && s.clv >= 0)).toBe(true);

      const [fit] = await store.query<{ as_of: Date; data_from: Date; purchase_model: string; purchase_fit: string }>(`SELECT * FROM model_fits WHERE fit_id = $1`, [result.fitId]);
      expect(fit).toMatchObject({ as_of: new Date('1997-09-30T00:00:00Z'), data_from: new Date('1997-01-01T00:00:00Z'), purchase_model: 'bgnbd' });
      expect(JSON.parse(fit?.purchase_fit ?? '{}').params).toEqual(result.purchaseFit.params);
    });

    it('values calendar months when asked: October to June after 1997-09-30', async () => {
      const { store } = cdnow;
      const result = await scoreCustomers(store, { asOf: '1997-09-30', horizon: 9, unit: 'month', margin: 0.3, months: 'calendar' });
      expect(result.horizon).toMatchObject({ months: 9, monthKind: 'calendar' });
      const [first] = await store.query<{ clv: number; expected_order_value: number }>(
        `SELECT clv, expected_order_value FROM customer_scores WHERE fit_id = $1 AND customer_id = '0001'`,
        [result.fitId],
      );
      const params = result.purchaseFit.params as unknown as BgNbdParams;
      const history = await firstCustomerHistory(store);
      // Month ends after 1997-09-30: Oct 31, Nov 30, Dec 31, Jan 31, Feb 28, Mar 31, Apr 30, May 31, Jun 30.
      const monthEnds = [31, 61, 92, 123, 151, 182, 212, 243, 273];
      let clv = 0;
      let previous = 0;
      monthEnds.forEach((days, k) => {
        const cumulative = bgnbdExpectedTransactions(params, history, days / 7);
        clv += ((cumulative - previous) * (first?.expected_order_value ?? 0) * 0.3) / 1.01 ** (k + 1);
        previous = cumulative;
      });
      expect(first?.clv).toBeCloseTo(clv, 6);
    });

    it('leaves no fit and no scores behind when a run fails partway through writing', async () => {
      const { store } = cdnow;
      const fitsBefore = await store.query('SELECT fit_id FROM model_fits ORDER BY fit_id');
      // A constraint the database enforces refuses customer 2000's score, so the run fails after the
      // batches before it (of 300 customers each) have been written.
      await store.run('ALTER TABLE customer_scores RENAME TO customer_scores_kept');
      try {
        await store.run(customerScoresWith(`CHECK (customer_id <> '2000')`));
        await expect(scoreCustomers(store, { asOf: '1997-09-30', batchSize: 300 })).rejects.toThrow(/constraint/i);
        expect(await store.query('SELECT count(*) AS n FROM customer_scores')).toEqual([{ n: 0 }]);
        expect(await store.query('SELECT fit_id FROM model_fits ORDER BY fit_id')).toEqual(fitsBefore);
      } finally {
        await store.run('DROP TABLE customer_scores');
        await store.run('ALTER TABLE customer_scores_kept RENAME TO customer_scores');
      }
      // Nothing of the failed run is in the way of the next one (its temp table included).
      const next = await scoreCustomers(store, { asOf: '1997-09-30', batchSize: 300 });
      expect(next.customers).toBe(2357);
    });

    it('gives a repeat customer with only free orders the population mean order value instead of failing', async () => {
      const { store } = cdnow;
      for (const [row, day] of ['1997-03-01', '1997-05-01', '1997-07-01'].entries()) {
        await store.run(
          `INSERT INTO events (kind, customer_id, occurred_at, amount, full_price, import_id, source_row) VALUES ('order_completed', 'free', $1, 0, TRUE, 99, $2)`,
          [new Date(`${day}T00:00:00Z`), row + 1],
        );
      }
      const result = await scoreCustomers(store, { asOf: '1997-09-30' });
      const [free] = await store.query<{ expected_order_value: number; clv: number }>(
        `SELECT expected_order_value, clv FROM customer_scores WHERE fit_id = $1 AND customer_id = 'free'`,
        [result.fitId],
      );
      const gg = result.spendFit?.params ?? {};
      // Gamma-Gamma's mean spend for a customer with no spend information: p * gamma / (q - 1).
      expect(free?.expected_order_value).toBeCloseTo(((gg.p ?? 0) * (gg.gamma ?? 0)) / ((gg.q ?? 0) - 1), 6);
      expect(free?.clv).toBeGreaterThan(0);
    });
  });
}
