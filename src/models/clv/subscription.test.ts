import { describe, expect, it } from 'vitest';
import { subscriptionValue } from './subscription.js';

describe('subscriptionValue', () => {
  it('is the price times DERL for an existing customer (Fader and Hardie 2010, Table 3)', () => {
    // Case 2 of Table 3 (alpha = 0.067, beta = 0.267), d = 10%: DERL 7.68 after 0 renewals, 10.19 after 4.
    const params = { alpha: 0.067, beta: 0.267 };
    const v0 = subscriptionValue(params, { pricePerPeriod: 50, discountRate: 0.1, renewals: 0 });
    expect(Math.abs(v0.value - 50 * 7.68)).toBeLessThan(50 * 0.015);
    const v4 = subscriptionValue(params, { pricePerPeriod: 50, discountRate: 0.1, renewals: 4 });
    expect(Math.abs(v4.discountedPayments - 10.19)).toBeLessThan(0.015);
    expect(v4.unit).toMatch(/after 4 renewal/);
  });

  it('counts the first payment for a new customer', () => {
    // Homogeneous limit check by hand: with alpha, beta large and theta = alpha / (alpha + beta) = 0.2, the
    // expected discounted payments approach sum_t 0.8^t / 1.1^t = 1.1 / 0.3 = 3.667.
    const v = subscriptionValue({ alpha: 2e5, beta: 8e5 }, { pricePerPeriod: 30, discountRate: 0.1 });
    expect(v.discountedPayments).toBeCloseTo(1.1 / 0.3, 3);
    expect(v.value).toBeCloseTo(30 * v.discountedPayments, 10);
    expect(v.unit).toMatch(/new customer/);
  });

  it('refuses an infinite undiscounted value and a negative price', () => {
    expect(() => subscriptionValue({ alpha: 0.7, beta: 1.2 }, { pricePerPeriod: 10, discountRate: 0 })).toThrow(/infinite/);
    expect(() => subscriptionValue({ alpha: 2, beta: 1 }, { pricePerPeriod: -1, discountRate: 0.1 })).toThrow(/pricePerPeriod/);
  });
});
