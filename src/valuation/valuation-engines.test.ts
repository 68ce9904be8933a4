/**
 * Valuation gives the same answers on DuckDB and PostgreSQL: the CDNOW sample, imported into DuckDB and
 * copied to PostgreSQL with copyStore, is scored and validated on both, through the functions and through
 * the CLI with a postgres:// --db. Runs when TENURE_TEST_POSTGRES_URL is set (scripts/postgres-for-tests.sh).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byText } from '../store/sql-dialect.js';
import type { Store } from '../store/store.js';
import { cdnowStore } from '../testing/cdnow-store.js';
import { duckDbEngine, engineTitle, postgresEngine, type TestStore } from '../testing/test-stores.js';
import { holdoutValidation } from './holdout-validation.js';
import { scoreCustomers, type ScoreResult } from './score-customers.js';
import { runCli } from '../testing/run-cli.js';

interface ScoreRow {
  customer_id: string;
  expected_purchases: number;
  probability_alive: number;
  expected_order_value: number | null;
  clv: number | null;
  historical_revenue: number;
}

async function scoresOf(store: Store, fitId: number): Promise<ScoreRow[]> {
  return store.query<ScoreRow & Record<string, unknown>>(
    `SELECT customer_id, expected_purchases, probability_alive, expected_order_value, clv, historical_revenue
     FROM customer_scores WHERE fit_id = $1 ORDER BY ${byText(store.dialect, 'customer_id')}`,
    [fitId],
  );
}

const relativeDifference = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

/** What a score run reports, without what differs by run (its id and how long it took). */
const comparable = ({ fitId: _fitId, seconds: _seconds, timings: _timings, ...rest }: ScoreResult) => rest;

describe.skipIf(Boolean(postgresEngine.skip))(engineTitle(postgresEngine, 'valuation as on DuckDB'), () => {
  let duck: TestStore;
  let pg: TestStore;
  beforeAll(async () => {
    duck = await cdnowStore(duckDbEngine);
    pg = await cdnowStore(postgresEngine);
  });
  afterAll(async () => {
    await duck?.cleanup();
    await pg?.cleanup();
  });

  it('scores every customer alike: the same fits, and the same totals and scores to 1e-9 and to the cent', async () => {
    const options = { asOf: '1997-09-30', horizon: 52, unit: 'week', margin: 0.3, batchSize: 700 } as const;
    const onDuck = await scoreCustomers(duck.store, options);
    const onPg = await scoreCustomers(pg.store, options);
    // The fits see the same unique rows in the same order, so they agree to the last digit.
    expect(onPg.purchaseFit).toEqual(onDuck.purchaseFit);
    expect(onPg.spendFit).toEqual(onDuck.spendFit);
    expect(relativeDifference(onPg.totals.expectedPurchases, onDuck.totals.expectedPurchases)).toBeLessThan(1e-9);
    expect(relativeDifference(onPg.totals.clv ?? 0, onDuck.totals.clv ?? 0)).toBeLessThan(1e-9);
    expect(comparable({ ...onPg, totals: onDuck.totals })).toEqual(comparable(onDuck));

    const want = await scoresOf(duck.store, onDuck.fitId);
    const got = await scoresOf(pg.store, onPg.fitId);
    expect(got.map((s) => s.customer_id)).toEqual(want.map((s) => s.customer_id));
    expect(want).toHaveLength(2357);
    for (const [i, w] of want.entries()) {
      const g = got[i] as ScoreRow;
      expect(relativeDifference(g.expected_purchases, w.expected_purchases), `expected purchases of ${w.customer_id}`).toBeLessThan(1e-9);
      expect(relativeDifference(g.probability_alive, w.probability_alive), `P(alive) of ${w.customer_id}`).toBeLessThan(1e-9);
      expect(Math.abs((g.expected_order_value ?? 0) - (w.expected_order_value ?? 0)), `order value of ${w.customer_id}`).toBeLessThan(0.005);
      expect(Math.abs((g.clv ?? 0) - (w.clv ?? 0)), `CLV of ${w.customer_id}`).toBeLessThan(0.005);
      expect(g.historical_revenue, `revenue of ${w.customer_id}`).toBe(w.historical_revenue);
    }

    const fitRow = (store: Store, fitId: number) =>
      store.query<{ as_of: Date; data_from: Date; data_to: Date; purchase_fit: string; spend_fit: string; options: string }>(
        'SELECT as_of, data_from, data_to, purchase_fit, spend_fit, options FROM model_fits WHERE fit_id = $1',
        [fitId],
      );
    const [duckFit] = await fitRow(duck.store, onDuck.fitId);
    const [pgFit] = await fitRow(pg.store, onPg.fitId);
    // JSONB keeps values but not key order, so the stored fits are compared parsed.
    const parsed = (row: typeof duckFit) => ({ ...row, purchase_fit: JSON.parse(row?.purchase_fit ?? 'null'), spend_fit: JSON.parse(row?.spend_fit ?? 'null'), options: JSON.parse(row?.options ?? 'null') });
    expect(parsed(pgFit)).toEqual(parsed(duckFit));
  });

  it('validates a calibration and holdout split alike', async () => {
    const options = { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30', unit: 'week' } as const;
    const onPg = await holdoutValidation(pg.store, options);
    expect(onPg.fit.params.r).toBeCloseTo(0.243, 3);
    expect(onPg).toEqual(await holdoutValidation(duck.store, options));
  });

  it('runs tenure clv and tenure score on a postgres:// --db', async () => {
    const args = ['--calibration-end', '1997-09-30', '--holdout-end', '1998-06-30', '--json'];
    const clvOnPg = await runCli('clv', '--db', pg.store.location, ...args);
    // Store.location has the password removed; the test cluster has none.
    expect(clvOnPg).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(clvOnPg.out)).toEqual(JSON.parse((await runCli('clv', '--db', duck.store.location, ...args)).out));

    const scoreOnPg = await runCli('score', '--db', pg.store.location, '--as-of', '1997-09-30', '--margin', '0.3', '--json');
    expect(scoreOnPg).toMatchObject({ code: 0, err: '' });
    const scored = JSON.parse(scoreOnPg.out) as ScoreResult;
    expect(scored).toMatchObject({ customers: 2357, purchaseModel: 'bgnbd' });
    const [stored] = await pg.store.query<{ n: number }>('SELECT count(*) AS n FROM customer_scores WHERE fit_id = $1', [scored.fitId]);
    expect(stored?.n).toBe(2357);
  });
});
