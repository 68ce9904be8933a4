import { describe, expect, it } from 'vitest';
import { bgbbFit } from './fit.js';
import { simulateBgBb } from './simulate.js';

describe('simulateBgBb', () => {
  it('is recovered by bgbbFit (100,000 customers, 6 opportunities)', () => {
    // Parameters near the published donations fit.
    const truth = { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.78 };
    const sim = simulateBgBb(truth, { customers: 100_000, periods: 6, seed: 20100601 });
    const fit = bgbbFit(sim);
    expect(fit.customers).toBe(100_000);
    expect(fit.uniqueRows).toBeLessThanOrEqual(22);
    // Tolerance: 10% of each true value. Standard errors here are 2% (alpha), 1.3% (beta), 2.4% (gamma) and
    // 3.6% (delta); this seed gives 1.244, 0.761, 0.635, 2.635.
    for (const name of ['alpha', 'beta', 'gamma', 'delta'] as const) {
      expect(Math.abs(fit.params[name] / truth[name] - 1)).toBeLessThan(0.1);
    }
  });

  it('produces valid histories deterministically', () => {
    const a = simulateBgBb({ alpha: 1, beta: 1, gamma: 1, delta: 1 }, { customers: 50, periods: 4, seed: 3 });
    const b = simulateBgBb({ alpha: 1, beta: 1, gamma: 1, delta: 1 }, { customers: 50, periods: 4, seed: 3 });
    expect(Array.from(a.frequency)).toEqual(Array.from(b.frequency));
    for (let i = 0; i < 50; i++) {
      expect(a.frequency[i]).toBeLessThanOrEqual(a.recency[i]!);
      expect(a.recency[i]).toBeLessThanOrEqual(4);
    }
  });
});
