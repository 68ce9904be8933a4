import { describe, expect, it } from 'vitest';
import { compressRfm } from '../data/compress-rfm.js';
import { bgnbdFit } from './fit.js';
import { bgnbdExpectedTransactionsNewCustomer } from './predict.js';
import { bgnbdSimulate } from './simulate.js';

const truth = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
/** A CDNOW-like cohort: first purchases spread over 13 weeks, observed to week 39, in days. */
const cohort = (n: number) => Float64Array.from({ length: n }, (_, i) => 39 - (i % 91) / 7);

describe('bgnbdSimulate', () => {
  it('is deterministic for a seed and rounds to the resolution', () => {
    const a = bgnbdSimulate(truth, cohort(1000), { seed: 5, resolution: 1 / 7 });
    const b = bgnbdSimulate(truth, cohort(1000), { seed: 5, resolution: 1 / 7 });
    expect(a).toEqual(b);
    expect(bgnbdSimulate(truth, cohort(1000), { seed: 6 }).frequency).not.toEqual(a.frequency);
    for (let i = 0; i < 1000; i++) {
      const days = (a.recency[i] as number) * 7;
      expect(Math.abs(days - Math.round(days))).toBeLessThan(1e-9);
      expect(a.recency[i]).toBeLessThanOrEqual(a.T[i] as number);
      if (a.frequency[i] === 0) expect(a.recency[i]).toBe(0);
    }
  });

  it('matches the model mean E[X(T)] (eq. 9) on average', () => {
    const n = 100_000;
    const T = 30;
    const s = bgnbdSimulate(truth, new Float64Array(n).fill(T), { seed: 9 });
    const mean = s.frequency.reduce((acc, v) => acc + v, 0) / n;
    // sd of X(30) is about 2.3 here, so the standard error of the mean is about 0.007.
    expect(Math.abs(mean - bgnbdExpectedTransactionsNewCustomer(truth, T))).toBeLessThan(0.03);
  });

  it('round trip: fitting 100,000 simulated customers recovers the parameters', () => {
    const data = compressRfm(bgnbdSimulate(truth, cohort(100_000), { seed: 42, resolution: 1 / 7 }));
    expect(data.uniqueRows).toBeLessThan(40_000);
    const fit = bgnbdFit(data);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      const se = fit.standardErrors[name] as number;
      // Within 4 standard errors and 5% of the truth (seeded, so this is deterministic).
      expect(Math.abs(fit.params[name] - truth[name])).toBeLessThan(4 * se);
      expect(Math.abs(fit.params[name] / truth[name] - 1)).toBeLessThan(0.05);
    }
  });

  it('rejects negative observation lengths', () => {
    expect(() => bgnbdSimulate(truth, [1, -2])).toThrow(
      'bgnbdSimulate requires observation lengths T to be finite numbers >= 0: customer 1 has T -2',
    );
  });
});
