/**
 * Active vs inactive compared: every figure worked out by hand on a small history, and the split held to
 * `classifyCustomers` on the hand-built histories of histories.case.ts for several dates and rules. On
 * PostgreSQL too when TENURE_TEST_POSTGRES_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../config/config-schema.js';
import { parseConfig } from '../config/load-config.js';
import type { CanonicalEvent } from '../domain/event.js';
import { appendEvents } from '../ingest/append-events.js';
import { engineTitle, testEngines, type TestStore } from '../testing/test-stores.js';
import { classifyCustomers } from './classify-customers.js';
import { compareActive } from './compare-active.js';
import { event, histories } from './histories.case.js';

const monthly = { subscription_id: 's1', plan: 'box', kind: 'product', interval: 'month', interval_count: 1 };
// As of 2024-02-05 with the 30-day window (days from 2024-01-07): a, b and d active; c and e not.
const small: CanonicalEvent[] = [
  event('order_completed', 'a', '2024-01-01', { amount: '10.00', fullPrice: true }), // outside the window
  event('order_completed', 'a', '2024-01-20', { amount: '10.00', fullPrice: true }),
  event('page_viewed', 'a', '2024-02-01'),
  event('survey_answered', 'a', '2024-02-02', { properties: { csat: 4, nps: 9 } }),
  event('support_ticket_opened', 'b', '2024-01-10', { properties: { ticket_id: 't1' } }),
  event('survey_answered', 'c', '2024-01-03', { properties: { csat: 2, nps: 3 } }),
  event('contact', 'c', '2024-01-05', { properties: { channel: 'phone', direction: 'outbound' } }),
  event('page_viewed', 'c', '2024-02-03'),
  event('product_viewed', 'c', '2024-02-04', { properties: { product_id: 'p1' } }),
  // An anonymous inbound contact, linked to d on Jan 25th: d's by Feb 5th.
  event('contact', null, '2024-01-15', { anonymousId: 'anon-x', properties: { channel: 'chat', direction: 'inbound' } }),
  event('identify', 'd', '2024-01-25', { anonymousId: 'anon-x' }),
  // A subscription is no activity in a shop.
  event('subscription_started', 'e', '2024-01-10', { amount: '20.00', properties: monthly }),
  event('subscription_cancelled', 'e', '2024-01-20', { properties: monthly }),
];
const fit = `INSERT INTO model_fits (fit_id, created_at, as_of, data_from, data_to, purchase_model, model_unit_days, purchase_fit, options)
  VALUES (1, TIMESTAMP '2024-02-02 00:00:00', DATE '2024-02-01', DATE '2024-01-01', DATE '2024-02-01', 'bgnbd', 7, '{}', '{}')`;
const scores = `INSERT INTO customer_scores (fit_id, customer_id, expected_purchases, probability_alive, expected_order_value, clv, historical_revenue)
  VALUES (1, 'a', 1, 0.9, 10, 100, 20), (1, 'c', 0.5, 0.3, 10, 40, 0)`;

for (const engine of testEngines) {
  describe.skipIf(engine.skip)(engineTitle(engine, 'compareActive'), () => {
    let hand: TestStore;
    let many: TestStore;
    beforeAll(async () => {
      hand = await engine.open();
      await appendEvents(hand.store, small, { source: 'test' });
      await hand.store.run(fit);
      await hand.store.run(scores);
      many = await engine.open();
      await appendEvents(many.store, histories, { source: 'histories' });
    });
    afterAll(async () => {
      await hand?.cleanup();
      await many?.cleanup();
    });

    it('compares by hand as of 2024-02-05', async () => {
      const result = await compareActive(hand.store, { asOf: '2024-02-05', config: parseConfig({}) });
      expect(result.fitAsOf).toBe('2024-02-01');
      expect(result.active).toEqual({
        customers: 3,
        eventsPerCustomer: 6 / 3, // a: order Jan 20, page view, survey; b: ticket; d: contact, identify
        pageViewsPerCustomer: 1 / 3,
        interactionsPerCustomer: 2 / 3, // b's ticket, d's inbound contact
        windowRevenue: 10,
        windowRevenueShare: 1,
        yearRevenue: 20,
        yearRevenueShare: 1,
        averageHistoricalClv: 20 / 3,
        averagePredictedClv: 100,
        scoredCustomers: 1,
        ticketsPerCustomer: 1 / 3,
        contactsPerCustomer: 1 / 3,
        averageCsat: 4,
        averageNps: 9,
        csatAnswers: 1,
        npsAnswers: 1,
      });
      expect(result.inactive).toEqual({
        customers: 2,
        eventsPerCustomer: 4 / 2, // c: two views (the survey and the contact are older); e: start, cancellation
        pageViewsPerCustomer: 1,
        interactionsPerCustomer: 0,
        windowRevenue: 0,
        windowRevenueShare: 0,
        yearRevenue: 0,
        yearRevenueShare: 0,
        averageHistoricalClv: 0,
        averagePredictedClv: 40,
        scoredCustomers: 1,
        ticketsPerCustomer: 0,
        contactsPerCustomer: 0, // outbound
        averageCsat: 2,
        averageNps: 3,
        csatAnswers: 1,
        npsAnswers: 1,
      });
    });

    it('counts e as active while subscribed (paid Jan 10th for 31 days, cancelled: access to Feb 9th)', async () => {
      const result = await compareActive(hand.store, { asOf: '2024-02-05', config: parseConfig({ activity: { whileSubscribed: true } }) });
      expect([result.active.customers, result.inactive.customers]).toEqual([4, 1]);
      expect(result.active.averagePredictedClv).toBe(100);
      const after = await compareActive(hand.store, { asOf: '2024-02-10', config: parseConfig({ activity: { whileSubscribed: true } }) });
      // Feb 10th: a (order Jan 20th) and d (contact Jan 15th) still; b's ticket (Jan 10th) and e's access have run out.
      expect([after.active.customers, after.inactive.customers]).toEqual([2, 3]);
    });

    const dates = ['2023-06-01', '2024-01-31', '2024-03-26', '2024-03-30', '2024-03-31', '2024-04-09', '2024-04-10', '2024-05-31', '2024-06-03', '2024-06-04'];
    const configs: [string, ConfigInput][] = [
      ['a shop', {}],
      ['the subscription preset', { preset: 'subscription' }],
      ['while subscribed, access ending at the cancellation', { activity: { whileSubscribed: true }, subscriptions: { accessAfterCancel: 'none' } }],
    ];
    for (const [name, config] of configs) {
      it(`splits as classifyCustomers does under ${name}`, async () => {
        for (const asOf of dates) {
          let active = 0;
          let all = 0;
          await classifyCustomers(many.store, { asOf, config: parseConfig(config), ordered: false }, (batch) => {
            all += batch.length;
            for (const c of batch) if (c.active) active++;
          });
          const result = await compareActive(many.store, { asOf, config: parseConfig(config) });
          expect({ asOf, active: result.active.customers, inactive: result.inactive.customers }).toEqual({ asOf, active, inactive: all - active });
        }
      }, 120_000);
    }
  });
}
