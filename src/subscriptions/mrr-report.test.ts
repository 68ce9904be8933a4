/**
 * MRR by month on a small subscription business worked out by hand, on DuckDB and on PostgreSQL when
 * TENURE_TEST_POSTGRES_URL is set; and on the demo business, the identity opening + movements = closing
 * in every period, overall and by plan, and the report from the MRR facts equal to a full replay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load-config.js';
import type { CanonicalEvent } from '../domain/event.js';
import { generateDemoEvents } from '../demo/generate-demo-events.js';
import { appendEvents } from '../ingest/append-events.js';
import { event } from '../lifecycle/histories.case.js';
import { business, sub } from './subscription-business.case.js';
import { engineTitle, testEngines, type TestStore } from '../testing/test-stores.js';
import { mrrReport, type MrrPeriod } from './mrr-report.js';
import { expectSameAsReplay } from './replay-check.case.js';

const movements = (m: Partial<MrrPeriod['movements']>) => ({ new: 0, expansion: 0, reactivation: 0, contraction: 0, churn: 0, ...m });

function expectByHand(periods: MrrPeriod[]) {
  const [january, february, march] = periods;
  // January: bob's 10 opens; alice 30, carol 30 and erin 20 are new: 90 at the end, 4 paying.
  expect(january).toMatchObject({
    from: '2026-01-01', to: '2026-01-31', openingMrr: 10, openingCustomers: 1,
    movements: movements({ new: 80 }), movementCustomers: movements({ new: 3 }),
    closingMrr: 90, closingCustomers: 4, arr: 1080, arpa: 22.5,
    customerChurnRate: 0, grossMrrChurnRate: 0, netMrrChurnRate: 0,
    renewals: { due: 0, renewed: 0, rate: null },
    trials: { started: 1, converted: 1, conversionRate: 1 },
  });
  // February: new dave 30 and frank 40; expansion alice 20; reactivation carol 30; churn carol 30,
  // erin 20, frank 40. 90 + 70 + 20 + 30 - 90 = 120 (alice 50, bob 10, carol 30, dave 30).
  expect(february).toMatchObject({
    openingMrr: 90, openingCustomers: 4,
    movements: movements({ new: 70, expansion: 20, reactivation: 30, churn: -90 }),
    movementCustomers: movements({ new: 2, expansion: 1, reactivation: 1, churn: 3 }),
    closingMrr: 120, closingCustomers: 4, arpa: 30,
    customerChurnRate: 3 / 4, grossMrrChurnRate: 1,
    // Due: alice on the 10th (renewed), carol's first on the 5th (cancelled) and erin's on the 2nd.
    renewals: { due: 3, renewed: 1, rate: 1 / 3 },
    trials: { started: 0, converted: 0, conversionRate: null },
  });
  // (90 churned - 20 expansion - 30 reactivation) / 90 opening.
  expect(february?.netMrrChurnRate).toBeCloseTo(40 / 90, 12);
  // March: frank's 40 comes back; alice, dave and carol renew.
  expect(march).toMatchObject({
    openingMrr: 120, movements: movements({ reactivation: 40 }), closingMrr: 160, closingCustomers: 5,
    customerChurnRate: 0, renewals: { due: 3, renewed: 3, rate: 1 },
  });
  expect(march?.netMrrChurnRate).toBeCloseTo(-40 / 120, 12);
}

for (const engine of testEngines) {
  describe.skipIf(engine.skip)(engineTitle(engine, 'mrrReport'), () => {
    let test: TestStore;
    beforeAll(async () => {
      test = await engine.open();
      await appendEvents(test.store, business, { source: 'test' });
    });
    afterAll(() => test?.cleanup());
    const config = parseConfig({});

    it('gives the figures worked out by hand, month by month', async () => {
      const report = await mrrReport(test.store, { from: '2026-01-01', to: '2026-03-31', grain: 'month', config });
      expect(report.currency).toBe('USD');
      expectByHand(report.periods);
    });

    it('splits the same movements by plan, where a switch of plan is churn in one and new in the other', async () => {
      const report = await mrrReport(test.store, { from: '2026-01-01', to: '2026-03-31', grain: 'month', by: 'plan', config });
      expectByHand(report.periods);
      expect(report.groups.map((g) => [g.group, g.periods.at(-1)?.closingMrr])).toEqual([['basic', 100], ['pro', 50], ['annual', 10], ['lite', 0]]);
      const basic = report.groups.find((g) => g.group === 'basic')?.periods[1];
      // Opening 60 (alice, carol); new dave 30 and frank 40, reactivation carol 30; churn alice 30 (to pro),
      // carol 30 and frank 40. 60 + 70 + 30 - 100 = 60.
      expect(basic).toMatchObject({ openingMrr: 60, movements: movements({ new: 70, reactivation: 30, churn: -100 }), closingMrr: 60 });
      expect(report.groups.find((g) => g.group === 'pro')?.periods[1]).toMatchObject({ openingMrr: 0, movements: movements({ new: 50 }), closingMrr: 50 });
    });

    it('adds up by day as it does by month', async () => {
      const daily = await mrrReport(test.store, { from: '2026-01-01', to: '2026-03-31', grain: 'day', config });
      expect(daily.periods).toHaveLength(90);
      const sum = (key: keyof MrrPeriod['movements']) => daily.periods.slice(31, 59).reduce((total, p) => total + p.movements[key], 0);
      expect([sum('new'), sum('expansion'), sum('reactivation'), sum('churn')]).toEqual([70, 20, 30, -90]);
      expect(daily.periods.find((p) => p.from === '2026-02-05')?.movements.churn).toBe(-30); // carol's period ran out
    });

    it('refuses a range that ends before it starts', async () => {
      await expect(mrrReport(test.store, { from: '2026-03-01', to: '2026-01-01', grain: 'month', config })).rejects.toThrow('--to 2026-01-01 is before --from 2026-03-01');
    });
  });
}

// Subscriptions started anonymously: gina's first payment before she identified herself (her renewal is
// her own), and hank's only event anonymous. Each anonymous id is linked by an identify in January.
const anonymous: CanonicalEvent[] = [
  { ...sub('subscription_started', 'x', '2026-01-03', 'g1', 'basic', '30.00'), customerId: null, anonymousId: 'anon-g' },
  event('identify', 'gina', '2026-01-20', { anonymousId: 'anon-g' }),
  sub('subscription_renewed', 'gina', '2026-02-03', 'g1', 'basic', '30.00'),
  { ...sub('subscription_started', 'x', '2026-01-10', 'h1', 'pro', '50.00'), customerId: null, anonymousId: 'anon-h' },
  event('identify', 'hank', '2026-01-25', { anonymousId: 'anon-h' }),
];

for (const engine of testEngines) {
  describe.skipIf(engine.skip)(engineTitle(engine, 'mrrReport with anonymous subscription events'), () => {
    let test: TestStore;
    beforeAll(async () => {
      test = await engine.open();
      await appendEvents(test.store, anonymous, { source: 'test' });
    });
    afterAll(() => test?.cleanup());

    it('counts them for the customer their id is linked to by the end of the range', async () => {
      const report = await mrrReport(test.store, { from: '2026-01-01', to: '2026-02-28', grain: 'month', config: parseConfig({}) });
      // January: gina 30 (one subscription with her renewal) and hank 50 are new. February: hank's month
      // ran out on 10 February (churn); gina renewed.
      expect(report.periods.map((p) => [p.movements.new, p.movements.churn, p.closingMrr, p.closingCustomers])).toEqual([[80, 0, 80, 2], [0, -50, 30, 1]]);
    });

    it('leaves them out while the link is not there yet', async () => {
      const report = await mrrReport(test.store, { from: '2026-01-01', to: '2026-01-15', grain: 'month', config: parseConfig({}) });
      expect(report.periods[0]?.closingMrr).toBe(0);
    });
  });
}

const units = (value: number) => Math.round(value * 10_000);

/** opening + movements = closing in every period, and each period opens where the last one closed. */
function expectIdentity(periods: readonly MrrPeriod[]) {
  periods.forEach((period, i) => {
    const moved = Object.values(period.movements).reduce((sum, value) => sum + units(value), 0);
    expect({ period: period.from, closing: units(period.openingMrr) + moved }).toEqual({ period: period.from, closing: units(period.closingMrr) });
    if (i > 0) expect(period.openingMrr).toBe(periods[i - 1]?.closingMrr);
  });
}

for (const engine of testEngines) {
  describe.skipIf(engine.skip)(engineTitle(engine, 'mrrReport on the demo business'), () => {
    let test: TestStore;
    beforeAll(async () => {
      test = await engine.open();
      await appendEvents(test.store, [...generateDemoEvents({ customers: 1500, seed: 11 })], { source: 'demo' });
    }, 120_000);
    afterAll(() => test?.cleanup());

    it('adds up: opening + movements = closing in every month, overall, by plan and by kind', async () => {
      const config = parseConfig({});
      for (const by of ['plan', 'kind'] as const) {
        const report = await mrrReport(test.store, { from: '2024-10-01', to: '2026-09-30', grain: 'month', by, config });
        expect(report.periods).toHaveLength(24);
        // Subscriptions started, churned and came back over the two years.
        const total = (type: keyof MrrPeriod['movements']) => report.periods.reduce((sum, p) => sum + p.movementCustomers[type], 0);
        expect(Math.min(total('new'), total('churn'), total('reactivation'))).toBeGreaterThan(0);
        expectIdentity(report.periods);
        for (const group of report.groups) expectIdentity(group.periods);
        // The groups share out the whole: their closing MRR adds up to everyone's.
        report.periods.forEach((period, i) => {
          const groups = report.groups.reduce((sum, g) => sum + units(g.periods[i]?.closingMrr ?? 0), 0);
          expect(groups).toBe(units(period.closingMrr));
        });
      }
    });

    it('reads from the MRR facts what a replay of every event gives, at month ends and in between, overall, by plan and by kind', async () => {
      for (const to of ['2025-03-31', '2025-09-17', '2026-01-03', '2026-06-30', '2026-09-30']) {
        for (const by of [null, 'plan', 'kind'] as const) await expectSameAsReplay(test.store, { from: '2024-10-10', to, grain: 'month', by });
      }
      await expectSameAsReplay(test.store, { from: '2026-01-01', to: '2026-03-31', grain: 'week', by: 'plan' });
    }, 60_000);
  });
}
