import { describe, expect, it } from 'vitest';
import { ModelInputError } from '../errors.js';
import { monthBoundaries } from './months.js';
import { customerLifetimeValue, customerLifetimeValues } from './non-contractual.js';
import type { PurchaseModel, RfmCustomer } from './purchase-model.js';

// A hand-made purchase model: every customer buys at a constant 0.5 purchases per week, forever.
const steady: PurchaseModel = { expectedPurchases: (t) => 0.5 * t };
const customer: RfmCustomer = { frequency: 2, recency: 10, T: 20 };

describe('customerLifetimeValue', () => {
  it('sums monthly purchases times order value and margin, discounted monthly', () => {
    // By hand: a 30.4375-day month is 30.4375 / 7 = 4.348214 weeks, so 2.174107 purchases a month;
    // 20 * 0.3 * 2.174107 * (1/1.01 + 1/1.01^2 + 1/1.01^3) = 38.364102.
    const result = customerLifetimeValue(steady, customer, 20, {
      modelUnitDays: 7,
      horizonMonths: 3,
      monthlyDiscountRate: 0.01,
      margin: 0.3,
    });
    expect(result.value).toBeCloseTo(38.364102, 6);
    expect(result.monthly).toHaveLength(3);
    expect(result.monthly[0]).toBeCloseTo((20 * 0.3 * 2.174107142857143) / 1.01, 10);
    expect(result.monthEndDays).toEqual([30.4375, 60.875, 91.3125]);
    expect(result.unit).toMatch(/3 months of 30.4375 days.*0.01 per month.*margin 0.3.*7 day/);
  });

  it('differences a cumulative model per month', () => {
    // E[Y(t)] = 1 - exp(-t) in days, one 30-day month and one 10-day month... via fixed 30-day months:
    const saturating: PurchaseModel = { expectedPurchases: (t) => 1 - Math.exp(-t / 30) };
    const result = customerLifetimeValue(saturating, customer, 1, {
      modelUnitDays: 1,
      horizonMonths: 2,
      monthlyDiscountRate: 0,
      months: { kind: 'fixed', days: 30 },
    });
    expect(result.monthly[0]).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(result.monthly[1]).toBeCloseTo(Math.exp(-1) - Math.exp(-2), 12);
    expect(result.value).toBeCloseTo(1 - Math.exp(-2), 12);
  });

  it('counts calendar months by their actual days', () => {
    const daily: PurchaseModel = { expectedPurchases: (t) => t };
    const result = customerLifetimeValue(daily, customer, 1, {
      modelUnitDays: 1,
      horizonMonths: 3,
      monthlyDiscountRate: 0,
      months: { kind: 'calendar', start: '2024-01-31' },
    });
    // Jan 31 -> Feb 29 (leap year) -> Mar 31 -> Apr 30: 29, 31 and 30 days.
    expect(result.monthly).toEqual([29, 31, 30]);
    expect(result.unit).toMatch(/calendar months from 2024-01-31/);
  });

  it('refuses NaN, negative or decreasing predictions, naming the customer', () => {
    const broken: PurchaseModel = { expectedPurchases: () => Number.NaN };
    expect(() => customerLifetimeValue(broken, { ...customer, id: 'c-1' }, 10, { modelUnitDays: 7 })).toThrow(
      /finite numbers >= 0: it returned NaN for customer "c-1"/,
    );
    const decreasing: PurchaseModel = { expectedPurchases: (t) => 10 - t };
    expect(() => customerLifetimeValues(decreasing, [customer, customer], [1, 1], { modelUnitDays: 1 })).toThrow(
      /customer at index 0/,
    );
    expect(() => customerLifetimeValue(steady, customer, -5, { modelUnitDays: 7 })).toThrow(/order value -5/);
    expect(() => customerLifetimeValue(steady, customer, 5, { modelUnitDays: 0 })).toThrow(ModelInputError);
    expect(() => customerLifetimeValue(steady, customer, 5, { modelUnitDays: 7, monthlyDiscountRate: -0.1 })).toThrow(
      /monthlyDiscountRate/,
    );
  });
});

describe('customerLifetimeValues', () => {
  it('values many customers with the same basis', () => {
    const result = customerLifetimeValues(steady, [customer, customer], [10, 20], { modelUnitDays: 7 });
    expect(result.values[1]).toBeCloseTo(2 * result.values[0]!, 12);
    expect(result.horizonMonths).toBe(12);
    expect(result.monthlyDiscountRate).toBe(0.01);
    expect(() => customerLifetimeValues(steady, [customer], [1, 2], { modelUnitDays: 7 })).toThrow(/one order value per customer: got 1 customers and 2 order values/);
  });

  it('asks the model once per distinct history', () => {
    let calls = 0;
    const counting: PurchaseModel = {
      expectedPurchases: (t) => {
        calls++;
        return 0.1 * t;
      },
    };
    const many = Array.from({ length: 1000 }, (_, i) => ({ frequency: i % 2, recency: i % 2, T: 10 }));
    const result = customerLifetimeValues(counting, many, new Float64Array(1000).fill(3), { modelUnitDays: 1, horizonMonths: 12 });
    expect(calls).toBe(2 * 12);
    expect(result.values[0]).toBeCloseTo(result.values[2]!, 15);
  });

  it("uses a model's curve method when it has one, with the same result", () => {
    const curveCalls: number[][] = [];
    const curved: PurchaseModel = {
      expectedPurchases: (t, c) => 0.01 * c.T * t,
      expectedPurchasesCurve: (times, cols) => {
        curveCalls.push([...times]);
        return times.map((t) => Array.from(cols.T, (T) => 0.01 * T * t));
      },
    };
    const plain: PurchaseModel = { expectedPurchases: curved.expectedPurchases };
    const cols = { frequency: [0, 1, 2], recency: [0, 3, 4], T: [5, 6, 7] };
    const a = customerLifetimeValues(curved, cols, [10, 20, 30], { modelUnitDays: 7, horizonMonths: 3 });
    const b = customerLifetimeValues(plain, cols, [10, 20, 30], { modelUnitDays: 7, horizonMonths: 3 });
    expect(curveCalls).toHaveLength(1);
    expect(curveCalls[0]).toEqual([30.4375 / 7, 60.875 / 7, 91.3125 / 7]);
    Array.from(a.values).forEach((v, i) => expect(v).toBeCloseTo(b.values[i]!, 12));
    const broken: PurchaseModel = { ...curved, expectedPurchasesCurve: (times, c) => times.map(() => Array.from(c.T, () => -1)) };
    expect(() => customerLifetimeValues(broken, { ...cols, id: ['a', 'b', 'c'] }, [1, 1, 1], { modelUnitDays: 7 })).toThrow(
      /it returned -1 for customer "a"/,
    );
  });

  it('takes customers as columns', () => {
    const perCustomer: PurchaseModel = { expectedPurchases: (t, c) => c.frequency * t };
    const cols = customerLifetimeValues(perCustomer, { frequency: [1, 3], recency: [1, 2], T: [5, 5] }, [10, 10], {
      modelUnitDays: 7,
    });
    const rows = customerLifetimeValues(perCustomer, [{ frequency: 1, recency: 1, T: 5 }, { frequency: 3, recency: 2, T: 5 }], [10, 10], {
      modelUnitDays: 7,
    });
    expect(Array.from(cols.values)).toEqual(Array.from(rows.values));
    expect(cols.values[1]).toBeCloseTo(3 * cols.values[0]!, 12);
  });
});

describe('monthBoundaries', () => {
  it('rejects invalid horizons and dates', () => {
    expect(Array.from(monthBoundaries({ kind: 'calendar', start: '2023-12-15' }, 2))).toEqual([0, 31, 62]);
    expect(() => monthBoundaries({ kind: 'calendar', start: '2023-02-30' }, 2)).toThrow(/YYYY-MM-DD/);
    expect(() => monthBoundaries({ kind: 'average' }, 0)).toThrow(/horizonMonths/);
  });
});
