import { describe, expect, it } from 'vitest';
import { centralDifferences } from '../optimize/central-differences.case.js';
import { compressDiscrete } from './compress.js';
import { donations } from './donations.case.js';
import { bgbbLogLikelihood, bgbbLogSpace, customerLogLikelihood } from './log-likelihood.js';

describe('bgbbLogLikelihood', () => {
  it('matches the published log-likelihood of the donations fit', () => {
    // Fader, Hardie and Shang (2010): alpha = 1.204, beta = 0.750, gamma = 0.657, delta = 2.783, LL = -33,225.6.
    // Cross-checked with scipy betaln at the rounded parameters: -33225.5818.
    const ll = bgbbLogLikelihood({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }, donations());
    expect(ll).toBeCloseTo(-33225.58, 1);
  });

  it('is the log of a probability distribution over histories', () => {
    // Summing the likelihood over every possible (x, t_x) for n = 4 gives 1.
    const params = { alpha: 1.3, beta: 0.8, gamma: 0.6, delta: 2.5 };
    const n = 4;
    let total = Math.exp(customerLogLikelihood(params, 0, 0, n));
    for (let tx = 1; tx <= n; tx++) {
      // x transactions with the last at t_x: C(t_x - 1, x - 1) orderings of the earlier ones.
      for (let x = 1; x <= tx; x++) total += binomial(tx - 1, x - 1) * Math.exp(customerLogLikelihood(params, x, tx, n));
    }
    expect(total).toBeCloseTo(1, 12);
  });

  it('names the customer whose history is impossible', () => {
    const params = { alpha: 1, beta: 1, gamma: 1, delta: 1 };
    expect(() => bgbbLogLikelihood(params, [{ frequency: 3, recency: 2, periods: 6, id: 'd-7' }])).toThrow(
      /requires frequency <= recency.*customer "d-7" \(index 0\) has 3 transactions, the last at opportunity 2/,
    );
    expect(() => bgbbLogLikelihood(params, [{ frequency: 1, recency: 7, periods: 6 }])).toThrow(/requires recency <= periods: customer at index 0 has recency 7/);
    expect(() => bgbbLogLikelihood(params, [{ frequency: 0, recency: 2, periods: 6 }])).toThrow(/requires recency 0 when frequency is 0/);
  });
});

describe('bgbbLogSpace', () => {
  it('has an analytic gradient in log space that matches central differences (relative 1e-6)', () => {
    const objective = bgbbLogSpace(compressDiscrete(donations(), 'test'));
    const z = [0.1, -0.3, -0.5, 1.1];
    const { gradient } = objective(z);
    const numeric = centralDifferences(objective, z, 1e-5);
    for (let k = 0; k < 4; k++) {
      expect(Math.abs(gradient[k]! - numeric[k]!)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric[k]!)));
    }
  });
});

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}
