/**
 * Retention cohorts and each plan's lifetimes on the hand-worked subscription business
 * (subscription-business.case.ts), on DuckDB and on PostgreSQL when TENURE_TEST_POSTGRES_URL is set; and
 * the plans' sBG fits on the demo business.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load-config.js';
import type { CanonicalEvent } from '../domain/event.js';
import { generateDemoEvents } from '../demo/generate-demo-events.js';
import { beta } from '../demo/random/beta.js';
import { createRandom } from '../demo/random/random.js';
import { event } from '../lifecycle/histories.case.js';
import { appendEvents } from '../ingest/append-events.js';
import { engineTitle, testEngines, type TestStore } from '../testing/test-stores.js';
import { cohortReport } from './cohort-report.js';
import { business } from './subscription-business.case.js';

for (const engine of testEngines) {
  describe.skipIf(engine.skip)(engineTitle(engine, 'cohortReport'), () => {
    let test: TestStore;
    beforeAll(async () => {
      test = await engine.open();
      await appendEvents(test.store, business, { source: 'test' });
    });
    afterAll(() => test?.cleanup());

    it('follows each month\'s new customers month by month', async () => {
      const report = await cohortReport(test.store, { from: '2026-01-01', to: '2026-03-31', config: parseConfig({}) });
      // January: alice 30, carol 30, erin 20 first paid (bob started in December, before the range).
      // At the end of February erin has gone, alice is on 50 and carol is back on 30: 2 of 3, MRR 80 of 80.
      // February: dave 30 and frank 40; frank is paused at the end of February and back in March.
      const rows = report.cohorts.map((c) => [c.cohort, c.customers, c.startingMrr, c.months.map((m) => [m.month, m.customers, m.mrr])]);
      expect(rows).toEqual([
        ['2026-01', 3, 80, [['2026-01', 3, 80], ['2026-02', 2, 80], ['2026-03', 2, 80]]],
        ['2026-02', 2, 70, [['2026-02', 1, 30], ['2026-03', 2, 70]]],
      ]);
      expect(report.cohorts[0]?.months[1]).toMatchObject({ offset: 1, customerRetention: 2 / 3, mrrRetention: 1 });
      expect(report.cohorts[1]?.months[0]).toMatchObject({ offset: 0, customerRetention: 0.5, mrrRetention: 30 / 70 });
    });

    it("counts each plan's subscription lifetimes, and says why a plan has no fit", async () => {
      const report = await cohortReport(test.store, { from: '2026-01-01', to: '2026-03-31', config: parseConfig({}) });
      const plans = Object.fromEntries(report.plans.map((p) => [p.plan, p]));
      // basic: carol's first (1 payment, cancelled) ended; carol's second (2), dave's (2) and frank's (1)
      // running. pro: alice's (3, on pro at the end). annual: bob's (1). lite: erin's (1, never renewed).
      expect(Object.fromEntries(report.plans.map((p) => [p.plan, [p.ended, p.running]]))).toEqual({ basic: [1, 3], pro: [0, 1], annual: [0, 1], lite: [1, 0] });
      expect(plans.pro).toMatchObject({ fit: null, reason: 'needs at least one subscription that ended', pricePerPeriod: 50 });
      expect(plans.lite).toMatchObject({ fit: null, reason: 'needs at least one subscription that renewed' });
      expect(plans.annual).toMatchObject({ interval: 'year', pricePerPeriod: 120 });
    });
  });
}

describe('cohortReport on the demo business', () => {
  let test: TestStore;
  beforeAll(async () => {
    test = await testEngines[0]!.open();
    await appendEvents(test.store, [...generateDemoEvents({ customers: 1500, seed: 11 })], { source: 'demo' });
  }, 120_000);
  afterAll(() => test?.cleanup());

  it("fits each plan with enough subscriptions, its projected retention falling and its CLV its price's multiple", async () => {
    const report = await cohortReport(test.store, { from: '2024-10-01', to: '2026-09-30', config: parseConfig({}) });
    expect(report.cohorts.length).toBeGreaterThan(20);
    for (const cohort of report.cohorts) {
      expect(cohort.months[0]?.customers).toBeLessThanOrEqual(cohort.customers);
      for (const month of cohort.months) expect(month.customers).toBeLessThanOrEqual(cohort.customers);
    }
    const fitted = report.plans.filter((p) => p.fit !== null);
    expect(fitted.length).toBeGreaterThan(2);
    for (const plan of fitted) {
      const curve = plan.projectedRetention;
      expect(curve).toHaveLength(12);
      for (let t = 1; t < curve.length; t++) expect(curve[t]).toBeLessThan(curve[t - 1]!);
      // A new subscription pays its first period at once and more later: worth at least one price.
      if (plan.clv !== null) expect(plan.clv).toBeGreaterThanOrEqual(plan.pricePerPeriod);
    }
  });
});

/**
 * Subscriptions whose lifetimes follow the sBG model with known parameters: each subscription draws its
 * churn probability theta ~ Beta(alpha, beta) and, after each monthly payment, cancels with probability
 * theta. They start on days spread over two years, so each is seen for a different number of periods.
 */
function sbgSubscriptions(count: number, alpha: number, betaParam: number): CanonicalEvent[] {
  const random = createRandom(20261129);
  const events: CanonicalEvent[] = [];
  const first = Date.UTC(2024, 0, 1);
  for (let i = 0; i < count; i++) {
    const theta = beta(random, alpha, betaParam);
    const start = new Date(first + Math.floor(random.next() * 700) * 86_400_000);
    const properties = { subscription_id: `s${i}`, plan: 'monthly', kind: 'service', interval: 'month', interval_count: 1 };
    for (let k = 0; ; k++) {
      const paid = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + k, Math.min(start.getUTCDate(), 28)));
      if (paid.getTime() >= Date.UTC(2025, 11, 31)) break; // censored at the end of the range
      events.push(event(k === 0 ? 'subscription_started' : 'subscription_renewed', `c${i}`, paid.toISOString().slice(0, 10), { amount: '10.00', properties }));
      if (random.next() < theta) {
        events.push(event('subscription_cancelled', `c${i}`, new Date(paid.getTime() + 5 * 86_400_000).toISOString().slice(0, 10), { properties }));
        break;
      }
    }
  }
  return events;
}

describe('cohortReport on subscriptions with known sBG lifetimes', () => {
  let test: TestStore;
  beforeAll(async () => {
    test = await testEngines[0]!.open();
    await appendEvents(test.store, sbgSubscriptions(6000, 0.8, 4.2), { source: 'sbg' });
  }, 120_000);
  afterAll(() => test?.cleanup());

  it('recovers the parameters from the periods paid, ended and still running', async () => {
    const report = await cohortReport(test.store, { from: '2024-01-01', to: '2025-12-31', config: parseConfig({}) });
    const plan = report.plans.find((p) => p.plan === 'monthly');
    expect(plan?.ended).toBeGreaterThan(3000);
    expect(plan?.running).toBeGreaterThan(500);
    // Simulated with alpha 0.8 and beta 4.2 (the mean churn probability alpha / (alpha + beta) is 0.16); this
    // seed fits alpha 0.86 and beta 4.59, within their standard errors of about 0.1 and 0.6.
    expect(plan?.fit?.alpha).toBeGreaterThan(0.6);
    expect(plan?.fit?.alpha).toBeLessThan(1.05);
    expect(plan?.fit?.beta).toBeGreaterThan(3.2);
    expect(plan?.fit?.beta).toBeLessThan(5.5);
    const meanChurn = (plan?.fit?.alpha ?? 0) / ((plan?.fit?.alpha ?? 0) + (plan?.fit?.beta ?? 1));
    expect(meanChurn).toBeCloseTo(0.16, 1);
  });
});
