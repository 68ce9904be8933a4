/**
 * The MRR facts give the same report as replaying every customer's events, for ranges ending on any day:
 * inside the grace days of a late renewal, before and after an anonymous subscription is linked, with a
 * first period cut short, by day, week and month, overall, by plan and by kind; and they stay exact when
 * they are brought up to date import by import, and when the grace days change. On DuckDB and on
 * PostgreSQL when TENURE_TEST_POSTGRES_URL is set. The same check on the demo business is in
 * mrr-report.test.ts, on its store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load-config.js';
import type { CanonicalEvent } from '../domain/event.js';
import { appendEvents } from '../ingest/append-events.js';
import { dayAfter } from '../lifecycle/periods.js';
import { event } from '../lifecycle/histories.case.js';
import { engineTitle, testEngines, type TestStore } from '../testing/test-stores.js';
import { mrrFactsTable } from './mrr-facts.js';
import { expectSameAsReplay } from './replay-check.case.js';
import { business, sub } from './subscription-business.case.js';

// Renewals late within the grace days (3), late past them, never; an anonymous start linked later; a
// yearly plan; two subscriptions of one customer ending on different days; a trial paid late.
const waits: CanonicalEvent[] = [
  sub('subscription_started', 'gus', '2026-01-08', 'g1', 'basic', '30.00'),
  sub('subscription_renewed', 'gus', '2026-02-10', 'g1', 'basic', '30.00'), // due the 8th: two days late
  sub('subscription_renewed', 'gus', '2026-03-14', 'g1', 'pro', '50.00'), // due 8 March: six days late
  sub('subscription_started', 'hal', '2026-01-20', 'h1', 'basic', '30.00'), // never renewed: waits from 20 February
  sub('subscription_started', 'hal', '2026-02-01', 'h2', 'lite', '20.00'),
  sub('subscription_renewed', 'hal', '2026-03-03', 'h2', 'lite', '20.00'), // due 1 March: two days late
  { ...sub('subscription_started', 'x', '2026-01-25', 'i1', 'pro', '50.00'), customerId: null, anonymousId: 'anon-ida' },
  event('identify', 'ida', '2026-02-26', { anonymousId: 'anon-ida' }), // linked in the grace of her renewal
  sub('subscription_renewed', 'ida', '2026-02-27', 'i1', 'pro', '50.00'),
  sub('subscription_started', 'jo', '2026-02-14', 'j1', 'annual', '240.00', { interval: 'year' }),
  sub('subscription_started', 'kim', '2026-01-31', 'k1', 'basic', '30.00', { trial: true }),
  sub('subscription_renewed', 'kim', '2026-03-02', 'k1', 'basic', '30.00'), // trial ended 28 February; paid within grace
  // Two expansions in January, on either side of the 15th: one expanding customer in a range from the 15th.
  sub('subscription_started', 'mo', '2026-01-05', 'm1', 'basic', '30.00'),
  sub('subscription_changed', 'mo', '2026-01-12', 'm1', 'pro', '50.00'),
  sub('subscription_changed', 'mo', '2026-01-20', 'm1', 'team', '70.00'),
  // A service and a product box: movements of their own in each kind.
  sub('subscription_started', 'ned', '2026-01-12', 'n1', 'basic', '30.00'),
  sub('subscription_started', 'ned', '2026-02-03', 'n2', 'box', '25.00', { kind: 'product' }),
  sub('subscription_renewed', 'ned', '2026-02-12', 'n1', 'basic', '30.00'),
];

for (const engine of testEngines) {
  describe.skipIf(engine.skip)(engineTitle(engine, 'MRR facts'), () => {
    let test: TestStore;
    beforeAll(async () => {
      test = await engine.open();
      await appendEvents(test.store, [...business, ...waits], { source: 'test' });
    });
    afterAll(() => test?.cleanup());

    it('give the replay\'s report for a range ending on every day of two months, by month and by plan', async () => {
      for (let d = 0; d < 60; d++) {
        const to = dayAfter('2026-01-25', d);
        await expectSameAsReplay(test.store, { from: '2026-01-15', to, grain: 'month' });
        await expectSameAsReplay(test.store, { from: '2026-01-01', to, grain: 'week', by: 'plan' });
      }
    });

    it('give it by day and by kind too', async () => {
      for (const to of ['2026-02-11', '2026-02-21', '2026-02-26', '2026-03-02', '2026-03-10', '2026-06-30']) {
        await expectSameAsReplay(test.store, { from: '2026-01-01', to, grain: 'day', by: 'kind' });
      }
    });

    it('are brought up to date by the next import, for the customers it touches only', async () => {
      const aliceFacts = async () => {
        const [row] = await test.store.query<{ n: number }>(`SELECT count(*) AS n FROM ${mrrFactsTable} WHERE customer_no IN (SELECT no FROM derived_subscription_events_customers WHERE key = 'alice')`);
        return Number(row?.n);
      };
      // Alice, basic from 10 January and pro from 20 February, renewed on 10 March: 2 spans; 3 renewals
      // due (10 February, 10 March, 10 April, the last not renewed); a wait from 10 to 13 April; 3
      // movements (new, expansion, churn on 10 April) and, on two plans, 4 in them (new and churn in each).
      expect(await aliceFacts()).toBe(13);
      await appendEvents(test.store, [
        sub('subscription_renewed', 'hal', '2026-02-22', 'h1', 'basic', '30.00'), // hal's wait ends: renewed two days late
        sub('subscription_started', 'lou', '2026-03-05', 'l1', 'pro', '50.00'),
        sub('subscription_cancelled', 'alice', '2026-03-25', 'a1', 'pro', null),
      ], { source: 'test' });
      for (const to of ['2026-02-21', '2026-02-23', '2026-03-31', '2026-04-30']) {
        await expectSameAsReplay(test.store, { from: '2026-01-01', to, grain: 'month', by: 'plan' });
      }
      // Alice's facts were replaced, not added to: having cancelled, she no longer waits for a renewal.
      expect(await aliceFacts()).toBe(12);
    });

    it('are made again when the grace days change', async () => {
      const generous = parseConfig({ subscriptions: { graceDays: 10 } });
      for (const to of ['2026-02-12', '2026-02-25', '2026-03-09', '2026-03-15']) {
        await expectSameAsReplay(test.store, { from: '2026-01-01', to, grain: 'month', config: generous });
        await expectSameAsReplay(test.store, { from: '2026-01-01', to, grain: 'month' });
      }
    });
  });
}
