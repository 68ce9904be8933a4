import { describe, expect, it } from 'vitest';
import { sbgFit } from './fit.js';
import { simulateSbg } from './simulate.js';

describe('simulateSbg', () => {
  it('is recovered by sbgFit (100,000 customers, 8 periods)', () => {
    // The regular segment's published parameters (Fader and Hardie 2007).
    const truth = { alpha: 0.704, beta: 1.182 };
    const cohort = simulateSbg(truth, { customers: 100_000, periods: 8, seed: 2007 });
    const fit = sbgFit(cohort);
    // Tolerance: 5% of each true value. Standard errors here are about 0.9% (alpha) and 1.3% (beta); this seed
    // gives 0.716 and 1.191.
    expect(Math.abs(fit.params.alpha / truth.alpha - 1)).toBeLessThan(0.05);
    expect(Math.abs(fit.params.beta / truth.beta - 1)).toBeLessThan(0.05);
  });

  it('returns a shrinking cohort starting with everyone', () => {
    const rows = simulateSbg({ alpha: 1, beta: 2 }, { customers: 1000, periods: 5, seed: 1 });
    expect(rows[0]).toEqual({ period: 0, active: 1000 });
    for (let t = 1; t < rows.length; t++) expect(rows[t]!.active).toBeLessThanOrEqual(rows[t - 1]!.active);
  });
});
