import { describe, expect, it } from 'vitest';
import { donations } from './donations.case.js';
import {
  bgbbConditionalExpectedTransactions,
  bgbbExpectedTransactionsNewCustomer,
  bgbbTransactionCountProbability,
} from './expected-transactions.js';

// The published donations fit (Fader, Hardie and Shang 2010), to four decimals as in Hardie's BG/BB spreadsheet
// (brucehardie.com/notes/010) and pymc-marketing's tests/clv/models/test_beta_geo_beta_binom.py.
const params = { alpha: 1.2035, beta: 0.7497, gamma: 0.6567, delta: 2.7834 };

describe('bgbbExpectedTransactionsNewCustomer', () => {
  it("matches the 'Tracking Plot' sheet of Hardie's BG/BB spreadsheet", () => {
    // Cells B7:B17 of the 'Tracking Plot' sheet, as quoted by pymc-marketing (rtol 0.001).
    const published = [0.4985, 0.9233, 1.2969, 1.6323, 1.9381, 2.2202, 2.4826, 2.7285, 2.9603, 3.1798, 3.3887];
    published.forEach((value, i) => {
      expect(bgbbExpectedTransactionsNewCustomer(params, i + 1)).toBeCloseTo(value, 3);
    });
  });

  it('is continuous through gamma = 1, where the closed form is 0/0', () => {
    const near = bgbbExpectedTransactionsNewCustomer({ ...params, gamma: 1 + 1e-5 }, 10);
    const at = bgbbExpectedTransactionsNewCustomer({ ...params, gamma: 1 }, 10);
    expect(at).toBeCloseTo(near, 4);
  });
});

describe('bgbbConditionalExpectedTransactions', () => {
  it("matches the total of the 'Conditional Expectations (II)' sheet", () => {
    // lifetimes tests/test_estimation.py: expected donations over the next 5 years summed over all 11,104 donors
    // is 12884.2 (column F "Exp Tot" of Hardie's sheet); lifetimes checks it to within 1.5.
    const total = donations().reduce(
      (sum, row) => sum + row.weight! * bgbbConditionalExpectedTransactions(params, row, 5),
      0,
    );
    expect(Math.abs(total - 12884.2)).toBeLessThan(1.5);
  });

  it('equals the finite sum over future opportunities, including at gamma = 1', () => {
    // E = 1/L * B(alpha + x + 1, beta + n - x) / B(alpha, beta) * sum_k P(alive at n + k); both branches agree.
    const customer = { frequency: 3, recency: 5, periods: 6 };
    const closed = bgbbConditionalExpectedTransactions({ ...params, gamma: 1 + 2e-6 }, customer, 8);
    const summed = bgbbConditionalExpectedTransactions({ ...params, gamma: 1 }, customer, 8);
    expect(summed).toBeCloseTo(closed, 4);
    expect(bgbbConditionalExpectedTransactions(params, customer, 0)).toBe(0);
  });
});

describe('bgbbTransactionCountProbability', () => {
  it("matches the 'In-Sample Fit' sheet of Hardie's BG/BB spreadsheet", () => {
    // lifetimes tests/test_estimation.py: expected donors with 0 and with 6 repeat donations in 6 years are
    // 3454.9 and 1253.1 (cells C18 and C24), checked to within 1.5.
    expect(Math.abs(11104 * bgbbTransactionCountProbability(params, 0, 6) - 3454.9)).toBeLessThan(1.5);
    expect(Math.abs(11104 * bgbbTransactionCountProbability(params, 6, 6) - 1253.1)).toBeLessThan(1.5);
    let total = 0;
    for (let x = 0; x <= 6; x++) total += bgbbTransactionCountProbability(params, x, 6);
    expect(total).toBeCloseTo(1, 12);
  });
});
