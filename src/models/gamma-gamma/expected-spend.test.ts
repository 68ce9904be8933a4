import { describe, expect, it } from 'vitest';
import { ModelInputError } from '../errors.js';
import {
  conditionalExpectedAverageSpend,
  conditionalExpectedAverageSpends,
  expectedSpendNewCustomer,
} from './expected-spend.js';

const params = { p: 6.25, q: 3.74, gamma: 15.44 };

describe('conditionalExpectedAverageSpend', () => {
  it("matches Hardie's Gamma-Gamma spreadsheet for the first ten CDNOW customers", () => {
    // lifetimes test_conditional_expected_average_profit: expected values from Hardie's spreadsheet
    // (brucehardie.com/notes/025), checked to within 0.1, for customers 1-10 of the CDNOW summary
    // (x, zbar) = (2, 22.35), (1, 11.77), (0, -), (0, -), (0, -), (7, 73.74), (1, 11.77), (0, -), (2, 25.55), (0, -).
    const frequency = [2, 1, 0, 0, 0, 7, 1, 0, 2, 0];
    const zbar = [22.35, 11.77, 0, 0, 0, 73.74, 11.77, 0, 25.55, 0];
    const expected = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    const actual = conditionalExpectedAverageSpends(params, frequency, zbar);
    expected.forEach((v, i) => expect(Math.abs(actual[i]! - v)).toBeLessThan(0.1));
    expect(conditionalExpectedAverageSpend(params, { frequency: 2, monetaryValue: 22.35 })).toBeCloseTo(actual[0]!, 12);
  });

  it('is a weighted average of the population mean and the customer mean', () => {
    const x = 4;
    const m = 50;
    const w = (params.p * x) / (params.p * x + params.q - 1);
    const population = (params.p * params.gamma) / (params.q - 1);
    expect(conditionalExpectedAverageSpend(params, { frequency: x, monetaryValue: m })).toBeCloseTo(
      (1 - w) * population + w * m,
      12,
    );
  });

  it('says plainly when q <= 1 leaves no finite mean', () => {
    const heavy = { p: 2, q: 0.8, gamma: 10 };
    expect(() => expectedSpendNewCustomer(heavy)).toThrow(/requires q > 1: with q = 0.8 the Gamma-Gamma spend distribution has no finite mean/);
    expect(() => conditionalExpectedAverageSpend(heavy, { frequency: 0, monetaryValue: 0, id: 'c-3' })).toThrow(
      /requires q > 1 for customers without repeat transactions: customer "c-3" has none/,
    );
    // A repeat customer still has a finite posterior mean: p x + q = 2.8 > 1.
    expect(conditionalExpectedAverageSpend(heavy, { frequency: 1, monetaryValue: 30 })).toBeCloseTo((2 * (10 + 30)) / 1.8, 12);
    expect(() => conditionalExpectedAverageSpend({ p: 0.05, q: 0.5, gamma: 1 }, { frequency: 2, monetaryValue: 5 })).toThrow(
      /requires p \* frequency \+ q > 1: for customer it is 0.6/,
    );
  });

  it('rejects invalid customers by index', () => {
    expect(() => conditionalExpectedAverageSpends(params, [1, 2], [10, -3])).toThrow(/customer at index 1.*monetaryValue -3/);
    expect(() => conditionalExpectedAverageSpends(params, [1], [10, 3])).toThrow(ModelInputError);
  });
});

describe('expectedSpendNewCustomer', () => {
  it('is p gamma / (q - 1)', () => {
    // 6.25 * 15.44 / 2.74 = 35.22; Hardie's spreadsheet shows 35.17 for the unrounded parameters.
    expect(expectedSpendNewCustomer(params)).toBeCloseTo(35.218978, 5);
  });
});
