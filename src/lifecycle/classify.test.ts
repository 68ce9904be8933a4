/** The rules on facts written by hand, for the corners the store-backed histories do not reach. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load-config.js';
import type { ConfigInput } from '../config/config-schema.js';
import { classify, dayBefore } from './classify.js';
import { packing, type CustomerFacts } from './customer-facts.js';
import type { PopulationFigures } from './population-figures.js';

const noFacts: CustomerFacts = {
  customer_id: 'c', anonymous: false, events: 1, first_direct: null, last_activity: null,
  activity_before_recent_days: null, first_recent_activity_days: null, orders: 0, revenue: 0, full_price_orders: 0,
  first_order_days: null, last_order_days: null, retention_orders: 0, rfm_orders: 0, rfm_revenue: 0, loyalty_purchases: 0,
  loyalty_first_purchase_days: null, product_paid: null, product_cancelled_days: null, service_paid: null, service_cancelled_days: null,
  retention_renewals: 0, window_tickets: 0, window_contacts: 0, advocacy_referrals: 0, advocacy_good_reviews: 0, latest_nps: null,
  probability_alive: null, expected_purchases: null, clv: null,
};
const figures: PopulationFigures = { purchasers: 10, medianAverageOrderValue: 40, rfmCustomers: 10, rfmCuts: { r: [-300, -200, -100, -10], f: [1, 2, 3, 4], m: [10, 50, 100, 200] } };
const run = (facts: Partial<CustomerFacts>, config: ConfigInput = {}) =>
  classify({ ...noFacts, ...facts }, { asOf: '2024-06-30', config: parseConfig(config), figures, fitAsOf: null });
/** Three orders over 90 days, the last 5 days ago, at 50 each. */
const buyer: Partial<CustomerFacts> = {
  orders: 3, revenue: 150, full_price_orders: 3, first_order_days: 95, last_order_days: 5, retention_orders: 3, rfm_orders: 3, rfm_revenue: 150,
  loyalty_purchases: 3, loyalty_first_purchase_days: 95, last_activity: 5 * packing.kind,
};

describe('classify', () => {
  it('counts days back from the as-of date', () => {
    expect(dayBefore('2024-03-01', 1)).toBe('2024-02-29');
    expect(dayBefore('2024-03-01', -31)).toBe('2024-04-01');
  });

  it('calls high value full price, several orders over time and an average above the median, with the figures', () => {
    const high = run(buyer);
    expect(high.highValue).toBe(true);
    expect(high.highValueFigures).toEqual({ orders: 3, fullPriceShare: 1, spanDays: 90, averageOrderValue: 50, medianAverageOrderValue: 40 });
    // One of three at a discount: a full-price share of 0.67 is below 0.8.
    expect(run({ ...buyer, full_price_orders: 2 }).reasons.highValue).toBe(
      'not high value: full-price share 0.67 < 0.8; 3 orders over 90 days (needs 3 over 60); average order 50.00 above the median 40.00',
    );
    expect(run({ ...buyer, first_order_days: 50 }).highValue).toBe(false);
    expect(run({ ...buyer, full_price_orders: 2 }, { highValue: { minFullPriceShare: 0.5 } }).highValue).toBe(true);
    expect(run({}).reasons.highValue).toBe('no orders');
  });

  it('keeps a renewing subscription live through its period and the grace days, and ends a cancelled one at the period end', () => {
    const subscribed = { preset: 'subscription' } as const;
    // Paid 30 days ago for a 31-day month: covered through today; 3 days' grace on top.
    for (const [paidDays, live] of [[30, true], [33, true], [34, false]] as const) {
      const c = run({ service_paid: paidDays * packing.period + 31 }, subscribed);
      expect([paidDays, c.active, c.activeTypes]).toEqual([paidDays, live, live ? ['service_subscriber'] : []]);
    }
    // Cancelled after that payment: no grace.
    expect(run({ service_paid: 30 * packing.period + 31, service_cancelled_days: 10 }, subscribed).activeTypes).toEqual(['service_subscriber']);
    expect(run({ service_paid: 31 * packing.period + 31, service_cancelled_days: 10 }, subscribed).active).toBe(false);
    // A cancellation before the last payment belongs to an earlier spell: the new one is live.
    expect(run({ product_paid: 3 * packing.period + 31, product_cancelled_days: 40 }, subscribed).activeTypes).toEqual(['product_subscriber']);
    // A shop does not count subscriptions as activity unless told to.
    expect(run({ service_paid: 3 * packing.period + 31 }).active).toBe(false);
    expect(run({ service_paid: 3 * packing.period + 31 }, { activity: { whileSubscribed: true } }).activeTypes).toEqual(['service_subscriber']);
  });

  it('reads advocacy from referrals, good reviews and a promoter NPS within the window', () => {
    const loyal = { ...buyer, orders: 5, loyalty_purchases: 5, retention_orders: 5 };
    expect(run(loyal).stage).toBe('retention');
    expect(run({ ...loyal, advocacy_good_reviews: 1 }).stage).toBe('loyalty');
    // NPS 9, answered 100 days ago: packed as days * 16 + (15 - score).
    expect(run({ ...loyal, latest_nps: 100 * packing.nps + 6 }).reasons.stage).toContain('advocacy in the last 365 days: NPS 9');
    expect(run({ ...loyal, latest_nps: 100 * packing.nps + 7 }).stage).toBe('retention'); // NPS 8: passive
    expect(run({ ...loyal, latest_nps: 400 * packing.nps + 5 }).stage).toBe('retention'); // a year and more ago
  });

  it('gives RFM scores from the cut points, and none without an order', () => {
    // Last order 5 days ago reaches all four recency cuts; 3 orders three frequency cuts; 150 three monetary cuts.
    expect(run(buyer).rfm).toEqual({ r: 5, f: 4, m: 4, segment: 'champions' });
    expect(run({}).rfm).toBeNull();
    // The average order, 50, reaches two.
    expect(run(buyer, { rfm: { monetary: 'average' } }).rfm).toEqual({ r: 5, f: 4, m: 3, segment: 'loyal' });
  });

  it('prefers the probability alive over the rhythm, and reactivation over both', () => {
    expect(run({ ...buyer, probability_alive: 0.9 }).reasons.status).toBe('probability alive 0.90');
    expect(run({ ...buyer, probability_alive: 0.1 }).status).toBe('at_risk');
    expect(run({ ...buyer, probability_alive: 0.1, activity_before_recent_days: 400, first_recent_activity_days: 5 }).status).toBe('reactivated');
  });
});
