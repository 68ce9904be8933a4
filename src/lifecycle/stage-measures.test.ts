/**
 * Each stage's own measures over time: every figure worked out by hand on a small history (eight people
 * over March and April 2024, with February and January before them), by month and on chosen days; the
 * identities that must hold on the demo business (funnel steps never grow, breakdowns sum to their totals,
 * repeat orders are orders less first orders, days add up to months, the churn base is what
 * `classifyCustomers` calls not lapsed); and the text rendering. On PostgreSQL too when
 * TENURE_TEST_POSTGRES_URL is set, with the very same figures as DuckDB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load-config.js';
import type { CanonicalEvent } from '../domain/event.js';
import { generateDemoEvents } from '../demo/generate-demo-events.js';
import { appendEvents } from '../ingest/append-events.js';
import { engineTitle, testEngines, type TestStore } from '../testing/test-stores.js';
import { dayBefore } from './classify.js';
import { classifyCustomers } from './classify-customers.js';
import { event } from './histories.case.js';
import { stageMeasures, type FunnelStep, type StageMeasures, type StagePeriod } from './stage-measures.js';
import { formatStageMeasures } from './stage-measures-format.js';

const order = (customerId: string, at: string, amount: string, fields: Partial<CanonicalEvent> = {}) => event('order_completed', customerId, at, { amount, fullPrice: true, ...fields });
const survey = (customerId: string, at: string, properties: Record<string, unknown>) => event('survey_answered', customerId, at, { properties });
const anonymous = (kind: CanonicalEvent['kind'], anonymousId: string, at: string, fields: Partial<CanonicalEvent> = {}) => event(kind, null, at, { anonymousId, ...fields });

// Days of the range: March 1st is day 0, March 31st day 30, April 1st day 31, April 30th day 60.
const history: CanonicalEvent[] = [
  // ann: seen first by a web page view from search; a lead on 03-05; the whole funnel on 03-10 and a
  // first order of 40; a repeat order in April; CSAT 4 in March, 5 in April; a promoter (10) and a
  // five-star review in April; scored (CLV 100).
  event('page_viewed', 'ann', '2024-03-02', { channel: 'search', platform: 'web' }),
  event('lead_captured', 'ann', '2024-03-05'),
  event('product_viewed', 'ann', '2024-03-10T10:00:00Z', { properties: { product_id: 'p1' } }),
  event('product_added_to_cart', 'ann', '2024-03-10T10:05:00Z', { properties: { product_id: 'p1' } }),
  event('checkout_started', 'ann', '2024-03-10T10:10:00Z'),
  order('ann', '2024-03-10T10:15:00Z', '40.00'),
  survey('ann', '2024-03-11', { csat: 4 }),
  order('ann', '2024-04-12', '60.00'),
  survey('ann', '2024-04-13', { csat: 5 }),
  survey('ann', '2024-04-14', { nps: 10 }),
  event('review_submitted', 'ann', '2024-04-20', { properties: { rating: 5 } }),
  // bob: seen first by an e-mail marketing touch; signs up on 03-04; views and adds to cart on 03-15 and
  // leaves; a first order of 20 on 04-02 without the funnel, 29 days after the sign-up.
  event('marketing_touch', 'bob', '2024-03-03', { channel: 'email' }),
  event('signed_up', 'bob', '2024-03-04'),
  event('product_viewed', 'bob', '2024-03-15T10:00:00Z', { properties: { product_id: 'p2' } }),
  event('product_added_to_cart', 'bob', '2024-03-15T10:05:00Z', { properties: { product_id: 'p2' } }),
  order('bob', '2024-04-02', '20.00'),
  // cy: an anonymous visit from social on 03-06 with a product view, linked to cy on 03-07; checkout
  // without a cart (a skipped step: the funnel stops at the view) and a first order of 30 on the iOS app;
  // orders again on 03-28 and 04-20. No lead.
  anonymous('page_viewed', 'anon-c', '2024-03-06T12:00:00Z', { channel: 'social' }),
  anonymous('product_viewed', 'anon-c', '2024-03-06T12:05:00Z', { properties: { product_id: 'p3' } }),
  event('identify', 'cy', '2024-03-07T09:00:00Z', { anonymousId: 'anon-c' }),
  event('checkout_started', 'cy', '2024-03-07T09:30:00Z'),
  order('cy', '2024-03-07T10:00:00Z', '30.00', { platform: 'ios' }),
  order('cy', '2024-03-28', '10.00'),
  order('cy', '2024-04-20', '15.00'),
  // dan: a customer since February (not new in the range); a repeat order on 03-20 and a referral on 03-25.
  order('dan', '2024-02-10', '50.00'),
  order('dan', '2024-03-20', '25.00'),
  event('referral_made', 'dan', '2024-03-25'),
  // eve: an anonymous prospect never linked, no channel or platform: adds to cart on 04-03 before viewing
  // (the cart does not count), then views.
  anonymous('product_added_to_cart', 'anon-e', '2024-04-03T11:00:00Z', { properties: { product_id: 'p4' } }),
  anonymous('product_viewed', 'anon-e', '2024-04-03T12:05:00Z', { properties: { product_id: 'p4' } }),
  // fay: one order in January; in April a referral, an NPS of 3 and a CSAT of 2; scored (CLV 40).
  order('fay', '2024-01-15', '10.00'),
  event('referral_made', 'fay', '2024-04-08'),
  survey('fay', '2024-04-09T12:00:00Z', { nps: 3 }),
  survey('fay', '2024-04-09T13:00:00Z', { csat: 2 }),
  // gus: a lead from paid on Android on 03-20 that never buys; a promoter (9) in April, not scored.
  event('lead_captured', 'gus', '2024-03-20', { channel: 'paid', platform: 'android' }),
  survey('gus', '2024-04-25', { nps: 9 }),
  // hal: on the web on 04-10, a cart at 11:00 before any view, a view at 12:00, a cart at 12:30 and a
  // checkout at 13:00, no order; a CSAT of 4 and an NPS of 8; his channel comes from an e-mail touch
  // on 04-11 (in the touch's properties only).
  event('product_added_to_cart', 'hal', '2024-04-10T11:00:00Z', { platform: 'web', properties: { product_id: 'p5' } }),
  event('product_viewed', 'hal', '2024-04-10T12:00:00Z', { properties: { product_id: 'p5' } }),
  event('product_added_to_cart', 'hal', '2024-04-10T12:30:00Z', { properties: { product_id: 'p5' } }),
  event('checkout_started', 'hal', '2024-04-10T13:00:00Z'),
  survey('hal', '2024-04-10T15:00:00Z', { csat: 4 }),
  survey('hal', '2024-04-10T16:00:00Z', { nps: 8 }),
  event('marketing_touch', 'hal', '2024-04-11', { properties: { channel: 'email' } }),
];

// A model fit as of 04-15: April's periods read it, March's have none.
const fit = `INSERT INTO model_fits (fit_id, created_at, as_of, data_from, data_to, purchase_model, model_unit_days, purchase_fit, options)
  VALUES (1, TIMESTAMP '2024-04-16 00:00:00', DATE '2024-04-15', DATE '2024-01-01', DATE '2024-04-15', 'bgnbd', 7, '{}', '{}')`;
const scores = `INSERT INTO customer_scores (fit_id, customer_id, expected_purchases, probability_alive, expected_order_value, clv, historical_revenue)
  VALUES (1, 'ann', 1, 0.9, 50, 100, 100), (1, 'fay', 0.5, 0.5, 10, 40, 10), (1, 'bob', 0.2, 0.4, 20, 7, 20)`;

// Lapsed after 30 days without activity (orders, tickets, inbound contacts), so the two months show it.
const config = parseConfig({ status: { lapsedAfterDays: 30, reactivationWindowDays: 30 } });

const funnel = (viewed: number, cart: number, checkout: number, ordered: number): FunnelStep[] => {
  const share = (before: number, now: number) => (before > 0 ? (before - now) / before : null);
  return [
    { step: 'product_viewed' as const, people: viewed, dropOff: null },
    { step: 'product_added_to_cart' as const, people: cart, dropOff: share(viewed, cart) },
    { step: 'checkout_started' as const, people: checkout, dropOff: share(cart, checkout) },
    { step: 'order_completed' as const, people: ordered, dropOff: share(checkout, ordered) },
  ];
};
const by = (key: string, newProspects: number, convertedInPeriod: number, convertedByEnd: number, firstOrders: number) => ({
  key, newProspects, convertedInPeriod, conversionRateInPeriod: newProspects > 0 ? convertedInPeriod / newProspects : null,
  convertedByEnd, conversionRateByEnd: newProspects > 0 ? convertedByEnd / newProspects : null, firstOrders,
});

const march: StagePeriod = {
  from: '2024-03-01',
  to: '2024-03-31',
  // First seen in March: ann (search), bob (email, the touch), cy (social, the anonymous visit now his), gus (paid).
  reach: { newProspects: 4, byChannel: [{ key: 'email', newProspects: 1 }, { key: 'paid', newProspects: 1 }, { key: 'search', newProspects: 1 }, { key: 'social', newProspects: 1 }] },
  // Leads: ann, bob (sign-up), gus; ann and bob buy by April 30th: 2 / 3. First purchases in March after a
  // lead: ann's, 5 days after (03-05 to 03-10); cy's had no lead.
  acquisition: { leads: 3, leadsConverted: 2, leadToCustomerRate: 2 / 3, leadToPurchaseDays: { count: 1, median: 5 } },
  conversion: {
    // ann (40) and cy (30): mean and median 35. Of the 4 new prospects, ann and cy ordered in March (2 / 4),
    // bob by the end (3 / 4).
    firstOrders: 2,
    firstOrderValue: { count: 2, mean: 35, median: 35 },
    convertedInPeriod: 2,
    conversionRateInPeriod: 0.5,
    convertedByEnd: 3,
    conversionRateByEnd: 0.75,
    byChannel: [by('email', 1, 0, 1, 0), by('paid', 1, 0, 0, 0), by('search', 1, 1, 1, 1), by('social', 1, 1, 1, 1)],
    // Platforms: ann web, bob none (unknown), cy iOS (his order), gus Android.
    byPlatform: [by('android', 1, 0, 0, 0), by('ios', 1, 1, 1, 1), by('unknown', 1, 0, 1, 0), by('web', 1, 1, 1, 1)],
    // Viewed: ann, bob, cy; to cart: ann, bob (cy skipped it); checkout: ann; ordered: ann.
    funnel: funnel(3, 2, 1, 1),
  },
  retention: {
    // Ordering: ann (first), cy (first and 03-28), dan (03-20, not his first): 4 orders, 2 first, so 2
    // repeat orders; repeat customers cy and dan: 2 / 3.
    orderingCustomers: 3,
    repeatCustomers: 2,
    repeatRate: 2 / 3,
    orders: 4,
    repeatOrders: 2,
    // Not lapsed on Feb 29th: dan (02-10, within 30 days). He lapses on 03-11 (02-10 + 30, no order between).
    churn: { customersAtStart: 1, churned: 1, rate: 1 },
    csat: { answers: 1, average: 4, satisfiedShare: 1 },
  },
  loyalty: {
    referrals: 1,
    reviews: { count: 0, averageRating: null },
    nps: { answers: 0, promoters: 0, passives: 0, detractors: 0, score: null },
    // dan referred; no fit as of March 31st.
    advocates: 1,
    clv: { fitAsOf: null, scored: 0, average: null },
  },
};

const april: StagePeriod = {
  from: '2024-04-01',
  to: '2024-04-30',
  // First seen in April: anon-e (unknown) and hal (email, from his touch).
  reach: { newProspects: 2, byChannel: [{ key: 'email', newProspects: 1 }, { key: 'unknown', newProspects: 1 }] },
  // No first lead in April. bob's first purchase (04-02) came 29 days after his sign-up (03-04).
  acquisition: { leads: 0, leadsConverted: 0, leadToCustomerRate: null, leadToPurchaseDays: { count: 1, median: 29 } },
  conversion: {
    // bob's first order (20), by his channel (email) and platform (unknown); neither new prospect ordered.
    firstOrders: 1,
    firstOrderValue: { count: 1, mean: 20, median: 20 },
    convertedInPeriod: 0,
    conversionRateInPeriod: 0,
    convertedByEnd: 0,
    conversionRateByEnd: 0,
    byChannel: [by('email', 1, 0, 0, 1), by('unknown', 1, 0, 0, 0)],
    byPlatform: [by('unknown', 1, 0, 0, 1), by('web', 1, 0, 0, 0)],
    // Viewed: anon-e, hal; to cart after the view: hal (12:30; anon-e's cart came before her view);
    // checkout: hal (13:00); ordered: nobody.
    funnel: funnel(2, 1, 1, 0),
  },
  retention: {
    // ann (04-12), bob (first), cy (04-20): 3 orders, 1 first, 2 repeat; repeat customers ann and cy.
    orderingCustomers: 3,
    repeatCustomers: 2,
    repeatRate: 2 / 3,
    orders: 3,
    repeatOrders: 2,
    // Not lapsed on March 31st: ann (03-10), cy (03-28), dan (03-20). ann lapses 04-09 (03-10 + 30, her
    // next order is 04-12), dan 04-19; cy orders again on 04-20, within 30 days of 03-28.
    churn: { customersAtStart: 3, churned: 2, rate: 2 / 3 },
    // CSAT: ann 5, fay 2, hal 4: mean 11 / 3, two of three 4 or 5.
    csat: { answers: 3, average: 11 / 3, satisfiedShare: 2 / 3 },
  },
  loyalty: {
    referrals: 1,
    reviews: { count: 1, averageRating: 5 },
    // ann 10 and gus 9 promoters, hal 8 passive, fay 3 detractor: (2 - 1) / 4 = 25.
    nps: { answers: 4, promoters: 2, passives: 1, detractors: 1, score: 25 },
    // Advocates: ann (promoter, review 5), fay (referral), gus (promoter); scored by the 04-15 fit: ann 100,
    // fay 40: mean 70.
    advocates: 3,
    clv: { fitAsOf: '2024-04-15', scored: 2, average: 70 },
  },
};

const results: StageMeasures[] = [];
const dayOf = (m: StageMeasures, date: string) => m.periods.find((p) => p.from === date) as StagePeriod;

for (const engine of testEngines) {
  describe.skipIf(engine.skip)(engineTitle(engine, 'stageMeasures'), () => {
    let hand: TestStore;
    beforeAll(async () => {
      hand = await engine.open();
      await appendEvents(hand.store, history, { source: 'test' });
      await hand.store.run(fit);
      await hand.store.run(scores);
    });
    afterAll(async () => hand?.cleanup());

    it('computes March and April by hand', async () => {
      const result = await stageMeasures(hand.store, { from: '2024-03-01', to: '2024-04-30', grain: 'month', config });
      expect(result).toMatchObject({ from: '2024-03-01', to: '2024-04-30', grain: 'month', lapsedAfterDays: 30 });
      expect(result.periods).toEqual([march, april]);
      // Both engines give the very same numbers.
      if (results.length > 0) expect(result).toEqual(results[0]);
      results.push(result);
    });

    it('computes days by hand', async () => {
      const days = await stageMeasures(hand.store, { from: '2024-03-01', to: '2024-04-30', grain: 'day', config });
      expect(days.periods).toHaveLength(61);
      // 03-06: cy first seen (social) and views; his first order is the next day: not converted that day.
      const d6 = dayOf(days, '2024-03-06');
      expect(d6.reach).toEqual({ newProspects: 1, byChannel: [{ key: 'social', newProspects: 1 }] });
      expect(d6.conversion).toMatchObject({ convertedInPeriod: 0, conversionRateInPeriod: 0, convertedByEnd: 1, conversionRateByEnd: 1, funnel: funnel(1, 0, 0, 0) });
      // 03-07: cy's first order, with no view that day: no one in the funnel.
      expect(dayOf(days, '2024-03-07').conversion).toMatchObject({ firstOrders: 1, firstOrderValue: { count: 1, mean: 30, median: 30 }, funnel: funnel(0, 0, 0, 0) });
      // 03-10: ann's whole funnel and first order; not lapsed on 03-09: dan and cy; nobody lapses.
      const d10 = dayOf(days, '2024-03-10');
      expect(d10.conversion).toMatchObject({ firstOrders: 1, funnel: funnel(1, 1, 1, 1) });
      expect(d10.acquisition.leadToPurchaseDays).toEqual({ count: 1, median: 5 });
      expect(d10.retention.churn).toEqual({ customersAtStart: 2, churned: 0, rate: 0 });
      // 03-11: dan lapses, of dan, cy and ann: 1 / 3.
      expect(dayOf(days, '2024-03-11').retention.churn).toEqual({ customersAtStart: 3, churned: 1, rate: 1 / 3 });
      // 03-15: bob views and adds to cart, and goes no further.
      expect(dayOf(days, '2024-03-15').conversion.funnel).toEqual(funnel(1, 1, 0, 0));
      // 04-10: hal's view, cart and checkout.
      expect(dayOf(days, '2024-04-10').conversion.funnel).toEqual(funnel(1, 1, 1, 0));
      // 04-09: ann lapses (03-10 + 30), of ann, cy, dan and bob (04-02); 04-02: bob's first purchase, 29
      // days after his sign-up.
      expect(dayOf(days, '2024-04-09').retention.churn).toEqual({ customersAtStart: 4, churned: 1, rate: 1 / 4 });
      expect(dayOf(days, '2024-04-02').acquisition.leadToPurchaseDays).toEqual({ count: 1, median: 29 });
      // Counts of firsts and of events add up from days to months.
      const sum = (f: (p: StagePeriod) => number, from: string, to: string) => days.periods.filter((p) => p.from >= from && p.from <= to).reduce((t, p) => t + f(p), 0);
      for (const [month, from, to] of [[march, '2024-03-01', '2024-03-31'], [april, '2024-04-01', '2024-04-30']] as const) {
        expect(sum((p) => p.reach.newProspects, from, to)).toBe(month.reach.newProspects);
        expect(sum((p) => p.acquisition.leads, from, to)).toBe(month.acquisition.leads);
        expect(sum((p) => p.conversion.firstOrders, from, to)).toBe(month.conversion.firstOrders);
        expect(sum((p) => p.retention.orders, from, to)).toBe(month.retention.orders);
        expect(sum((p) => p.retention.churn.churned, from, to)).toBe(month.retention.churn.churned);
        expect(sum((p) => p.loyalty.referrals, from, to)).toBe(month.loyalty.referrals);
        expect(sum((p) => p.loyalty.nps.answers, from, to)).toBe(month.loyalty.nps.answers);
      }
      // The day's CLV reads the fit from 04-15 on.
      expect(dayOf(days, '2024-04-14').loyalty.clv).toEqual({ fitAsOf: null, scored: 0, average: null });
      expect(dayOf(days, '2024-04-20').loyalty).toMatchObject({ advocates: 1, clv: { fitAsOf: '2024-04-15', scored: 1, average: 100 } });
    });

    it('cuts weeks to the range', async () => {
      // March 1st 2024 is a Friday: the first week is Mar 1-3, the last Apr 29-30.
      const weeks = await stageMeasures(hand.store, { from: '2024-03-01', to: '2024-04-30', grain: 'week', config });
      expect(weeks.periods.map((p) => [p.from, p.to]).slice(0, 2)).toEqual([['2024-03-01', '2024-03-03'], ['2024-03-04', '2024-03-10']]);
      expect(weeks.periods.at(-1)).toMatchObject({ from: '2024-04-29', to: '2024-04-30' });
      // Week of 03-04: bob's sign-up and ann's lead; ann's first order; cy's (03-07) too.
      expect(weeks.periods[1]?.acquisition).toMatchObject({ leads: 2 });
      expect(weeks.periods[1]?.conversion.firstOrders).toBe(2);
    });

    it('rejects bad dates and ranges', async () => {
      const run = (from: string, to: string) => stageMeasures(hand.store, { from, to, grain: 'month', config });
      await expect(run('2024-02-30', '2024-03-01')).rejects.toThrow('--from "2024-02-30" is not a date (expected YYYY-MM-DD)');
      await expect(run('2024-03-01', 'soon')).rejects.toThrow('--to "soon" is not a date');
      await expect(run('2024-03-01', '2024-02-01')).rejects.toThrow('--to 2024-02-01 is before --from 2024-03-01');
    });

    it('renders compact tables', async () => {
      const text = formatStageMeasures(await stageMeasures(hand.store, { from: '2024-03-01', to: '2024-04-30', grain: 'month', config }));
      expect(text).toContain("each stage's measures by month, 2024-03-01 to 2024-04-30 (CLV from the model fit as of 2024-04-15)");
      expect(text).toMatch(/Checkout funnel[^\n]*\nmonth +viewed a product +added to cart +started checkout +ordered\n2024-03 +3 +2 \(-33\.3%\) +1 \(-50\.0%\) +1 \(0\.0%\)/);
      // April's loyalty: 1 referral, 1 review of 5, NPS 25, 3 advocates of whom 2 scored, mean CLV 70.
      expect(text).toMatch(/\n2024-04 +1 +1 +5\.00 +25\.0 +2 \/ 1 \/ 1 +3 +70\.00 \(2\)\n/);
    });
  });
}

for (const engine of testEngines) {
  describe.skipIf(engine.skip)(engineTitle(engine, 'stageMeasures on the demo business'), () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await engine.open();
      await appendEvents(t.store, [...generateDemoEvents({ customers: 600, seed: 7 })], { source: 'demo' });
    }, 120_000);
    afterAll(async () => t?.cleanup());

    it('keeps the identities that must hold', async () => {
      const shop = parseConfig({});
      const months = await stageMeasures(t.store, { from: '2025-01-01', to: '2026-09-30', grain: 'month', config: shop });
      expect(months.periods).toHaveLength(21);
      const total = (list: readonly { firstOrders: number; newProspects: number }[], key: 'firstOrders' | 'newProspects') => list.reduce((s, c) => s + c[key], 0);
      for (const p of months.periods) {
        const c = p.conversion;
        const steps = c.funnel.map((s) => s.people);
        for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeLessThanOrEqual(steps[i - 1] as number);
        expect(total(c.byChannel, 'firstOrders')).toBe(c.firstOrders);
        expect(total(c.byPlatform, 'firstOrders')).toBe(c.firstOrders);
        expect(total(c.byPlatform, 'newProspects')).toBe(p.reach.newProspects);
        expect(p.reach.byChannel.reduce((s, ch) => s + ch.newProspects, 0)).toBe(p.reach.newProspects);
        expect(c.convertedInPeriod).toBeLessThanOrEqual(c.convertedByEnd);
        expect(c.convertedByEnd).toBeLessThanOrEqual(p.reach.newProspects);
        // The first orders of the people query are the first orders of the orders query.
        expect(p.retention.repeatOrders).toBe(p.retention.orders - c.firstOrders);
        expect(p.retention.repeatCustomers).toBeLessThanOrEqual(p.retention.orderingCustomers);
        expect(p.retention.orderingCustomers).toBeLessThanOrEqual(p.retention.orders);
        expect(p.acquisition.leadsConverted).toBeLessThanOrEqual(p.acquisition.leads);
        const nps = p.loyalty.nps;
        expect(nps.promoters + nps.passives + nps.detractors).toBe(nps.answers);
      }
      // The demo business is alive: every stage has figures in its last month.
      const last = months.periods.at(-1) as StagePeriod;
      for (const figure of [last.reach.newProspects, last.acquisition.leads, last.conversion.firstOrders, last.conversion.funnel[3]?.people ?? 0,
        last.retention.repeatCustomers, last.retention.churn.churned, last.retention.csat.answers, last.loyalty.referrals, last.loyalty.nps.answers]) {
        expect(figure).toBeGreaterThan(0);
      }
      // Days add up to months, and the churn base is what classifyCustomers calls not lapsed the day before.
      const days = await stageMeasures(t.store, { from: '2026-06-01', to: '2026-07-31', grain: 'day', config: shop });
      for (const month of months.periods.filter((p) => p.from >= '2026-06-01' && p.to <= '2026-07-31')) {
        const inMonth = days.periods.filter((d) => d.from >= month.from && d.to <= month.to);
        const sum = (f: (p: StagePeriod) => number) => inMonth.reduce((s, p) => s + f(p), 0);
        expect(sum((p) => p.conversion.firstOrders)).toBe(month.conversion.firstOrders);
        expect(sum((p) => p.reach.newProspects)).toBe(month.reach.newProspects);
        expect(sum((p) => p.retention.orders)).toBe(month.retention.orders);
        expect(sum((p) => p.retention.churn.churned)).toBe(month.retention.churn.churned);
        expect(month.retention.churn.customersAtStart).toBe(await notLapsed(t, dayBefore(month.from, 1)));
      }
    }, 120_000);
  });
}

/** Customers (and prospects) `classifyCustomers` sees as active at some time and not lapsed as of the date. */
async function notLapsed(t: TestStore, asOf: string): Promise<number> {
  let n = 0;
  await classifyCustomers(t.store, { asOf, config: parseConfig({}), ordered: false }, (batch) => {
    for (const c of batch) if (c.status !== null && c.status !== 'lapsed') n++;
  });
  return n;
}
