import { describe, expect, it } from 'vitest';
import { gammaGammaFit } from './fit.js';
import { simulateGammaGamma } from './simulate.js';

describe('simulateGammaGamma', () => {
  it('is recovered by gammaGammaFit (100,000 customers)', () => {
    const truth = { p: 6, q: 4, gamma: 15 };
    const frequency = Int32Array.from({ length: 100_000 }, (_, i) => 1 + (i % 8));
    const monetaryValue = simulateGammaGamma(truth, frequency, 20240601);
    const fit = gammaGammaFit({ frequency, monetaryValue });
    // Tolerance: 5% of each true value. At this size the standard errors are about 2.5% (p), 0.6% (q) and 3%
    // (gamma); this seed gives 6.10, 3.98, 14.65.
    for (const name of ['p', 'q', 'gamma'] as const) {
      expect(Math.abs(fit.params[name] / truth[name] - 1)).toBeLessThan(0.05);
      const [lower, upper] = fit.confidenceIntervals[name]!;
      expect(lower).toBeLessThan(truth[name]);
      expect(upper).toBeGreaterThan(truth[name]);
    }
  });

  it('is deterministic for a seed and gives 0 without repeat transactions', () => {
    const a = simulateGammaGamma({ p: 2, q: 3, gamma: 4 }, [0, 1, 5], 7);
    expect(Array.from(simulateGammaGamma({ p: 2, q: 3, gamma: 4 }, [0, 1, 5], 7))).toEqual(Array.from(a));
    expect(a[0]).toBe(0);
    expect(a[1]).toBeGreaterThan(0);
    expect(() => simulateGammaGamma({ p: 2, q: 3, gamma: 4 }, [1, -1], 7)).toThrow(/index 1/);
  });
});
