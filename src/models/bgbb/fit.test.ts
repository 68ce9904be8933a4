import { describe, expect, it } from 'vitest';
import { compressDiscrete } from './compress.js';
import { donations } from './donations.case.js';
import { bgbbFit } from './fit.js';

describe('bgbbFit', () => {
  it('reproduces the published donations fit', () => {
    // Fader, Hardie and Shang (2010): alpha = 1.204, beta = 0.750, gamma = 0.657, delta = 2.783, LL = -33,225.6
    // (lifetimes checks the parameters to two decimals). scipy on the same data: 1.2035, 0.7497, 0.6567, 2.7834.
    const fit = bgbbFit(donations());
    expect(fit.params.alpha).toBeCloseTo(1.204, 2);
    expect(fit.params.beta).toBeCloseTo(0.75, 2);
    expect(fit.params.gamma).toBeCloseTo(0.657, 2);
    expect(fit.params.delta).toBeCloseTo(2.783, 2);
    expect(fit.logLikelihood).toBeCloseTo(-33225.6, 0);
    expect(fit.customers).toBe(11104);
    expect(fit.uniqueRows).toBe(22);
    expect(fit.converged).toBe(true);
    expect(Object.isFrozen(fit.params)).toBe(true);
    expect(fit.confidenceIntervals.delta![0]).toBeLessThan(2.783);
    expect(fit.confidenceIntervals.delta![1]).toBeGreaterThan(2.783);
    expect(fit.standardErrors.alpha).toBeGreaterThan(0);
    expect(fit.penalizer).toBe(0);
  });

  it('accepts a compressed table and needs a repeat customer', () => {
    const compressed = compressDiscrete(donations());
    expect(bgbbFit(compressed).params.alpha).toBeCloseTo(bgbbFit(donations()).params.alpha, 10);
    expect(() => bgbbFit([{ frequency: 0, recency: 0, periods: 6, weight: 10 }])).toThrow('bgbbFit requires at least one repeat customer');
  });

  it('gives the same fit for weighted and expanded data', () => {
    // lifetimes' test_fit_with_and_without_weights, on about 1/50 of the donors to keep it quick.
    const rows = donations();
    const expanded = rows.flatMap((r) => Array.from({ length: Math.round(r.weight! / 50) }, () => ({ ...r, weight: 1 })));
    const weighted = rows.map((r) => ({ ...r, weight: Math.round(r.weight! / 50) }));
    const a = bgbbFit(expanded).params;
    const b = bgbbFit(weighted).params;
    expect(a.alpha).toBeCloseTo(b.alpha, 6);
    expect(a.delta).toBeCloseTo(b.delta, 6);
  });
});
