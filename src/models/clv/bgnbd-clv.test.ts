import { describe, expect, it } from 'vitest';
import { bgnbdExpectedTransactions, type BgNbdParams } from '../bgnbd/index.js';
import { conditionalExpectedAverageSpends } from '../gamma-gamma/expected-spend.js';
import { customerLifetimeValues } from './non-contractual.js';
import type { PurchaseModel } from './purchase-model.js';

// lifetimes tests/test_utils.py, test_customer_lifetime_value_with_known_values (also pymc-marketing
// tests/clv/test_utils.py): a BG/NBD fitted in days on lifetimes' example transactions (r = 0.16385072,
// alpha = 1.86428187, a = 1.85034151, b = 3.18105431), its first five customers, monetary value 1, and
// lifetimes' 30-day months.
const params: BgNbdParams = { r: 0.16385072, alpha: 1.86428187, a: 1.85034151, b: 3.18105431 };
const customers = [
  { frequency: 0, recency: 0, T: 298 },
  { frequency: 0, recency: 0, T: 224 },
  { frequency: 6, recency: 142, T: 292 },
  { frequency: 0, recency: 0, T: 147 },
  { frequency: 2, recency: 9, T: 183 },
];
const expected = [0.016053, 0.021171, 0.030461, 0.031686, 0.001607];
const bgnbd: PurchaseModel = { expectedPurchases: (t, customer) => bgnbdExpectedTransactions(params, customer, t) };
const ones = [1, 1, 1, 1, 1];
const lifetimesMonths = { kind: 'fixed', days: 30 } as const;

describe('customerLifetimeValues with BG/NBD', () => {
  it("reproduces lifetimes' known CLV values", () => {
    // discount_rate = 0, time = 1: the CLV is the expected purchases in 30 days (checked to 5 decimals).
    const d0 = customerLifetimeValues(bgnbd, customers, ones, {
      modelUnitDays: 1,
      horizonMonths: 1,
      monthlyDiscountRate: 0,
      months: lifetimesMonths,
    });
    expected.forEach((v, i) => expect(d0.values[i]).toBeCloseTo(v, 5));
    // discount_rate = 1 halves a one-month CLV.
    const d1 = customerLifetimeValues(bgnbd, customers, ones, {
      modelUnitDays: 1,
      horizonMonths: 1,
      monthlyDiscountRate: 1,
      months: lifetimesMonths,
    });
    expected.forEach((v, i) => expect(d1.values[i]).toBeCloseTo(v / 2, 5));
  });

  it('agrees whether the model counts days or weeks', () => {
    // The same BG/NBD with time in weeks has alpha / 7; one 30.4375-day month is 4.348 weeks.
    const weekly: PurchaseModel = {
      expectedPurchases: (t, c) =>
        bgnbdExpectedTransactions({ ...params, alpha: params.alpha / 7 }, { frequency: c.frequency, recency: c.recency / 7, T: c.T / 7 }, t),
    };
    const days = customerLifetimeValues(bgnbd, customers, ones, { modelUnitDays: 1 });
    const weeks = customerLifetimeValues(weekly, customers, ones, { modelUnitDays: 7 });
    days.values.forEach((v, i) => expect(weeks.values[i]).toBeCloseTo(v, 10));
  });

  it('combines with the Gamma-Gamma expected order value', () => {
    const spend = conditionalExpectedAverageSpends({ p: 6.25, q: 3.74, gamma: 15.44 }, [0, 0, 6, 0, 2], [0, 0, 20, 0, 35]);
    const clv = customerLifetimeValues(bgnbd, customers, spend, { modelUnitDays: 1, horizonMonths: 12, margin: 0.2 });
    const perUnit = customerLifetimeValues(bgnbd, customers, ones, { modelUnitDays: 1, horizonMonths: 12, margin: 0.2 });
    clv.values.forEach((v, i) => expect(v).toBeCloseTo(spend[i]! * perUnit.values[i]!, 10));
    expect(clv.unit).toMatch(/12 months of 30.4375 days/);
  });
});
