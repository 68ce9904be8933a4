import { describe, expect, it } from 'vitest';
import { compressRfm } from '../data/compress-rfm.js';
import { loadCdnowSummary } from '../data/cdnow-fixture.case.js';
import { mbgnbdFit } from './fit.js';
import { mbgnbdLogLikelihood } from './log-likelihood.js';

const cdnow = loadCdnowSummary();

describe('mbgnbdFit on CDNOW', () => {
  const fit = mbgnbdFit(cdnow);

  it('matches BTYDplus: r = 0.525, α = 6.183, a = 0.891, b = 1.614', () => {
    // lifetimes' test_params_out_is_close_to_BTYDplus (github.com/mplatzer/BTYDplus), 3 decimals.
    expect(fit.params.r).toBeCloseTo(0.525, 3);
    expect(fit.params.alpha).toBeCloseTo(6.183, 3);
    expect(fit.params.a).toBeCloseTo(0.891, 3);
    expect(fit.params.b).toBeCloseTo(1.614, 3);
    expect(fit).toMatchObject({ model: 'mbgnbd', converged: true, customers: 2357 });
    // Slightly above BG/NBD's -9582.4 (same data, one extra way to drop out); our value -9582.13.
    expect(fit.logLikelihood).toBeGreaterThan(-9582.4);
    expect(fit.logLikelihood).toBeLessThan(-9582.0);
  });

  it('is at a stationary point and has finite standard errors', () => {
    const { gradient } = mbgnbdLogLikelihood(fit.params, compressRfm(cdnow));
    // the fit stops when the mean gradient is below 1e-6, i.e. the total below 1e-6 · 2357
    for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-6 * 2357);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) expect(fit.standardErrors[name]).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
  });

  it('shrinks the parameter sum with a penalizer (lifetimes test)', () => {
    const sum = (p: { r: number; alpha: number; a: number; b: number }) => p.r + p.alpha + p.a + p.b;
    expect(sum(mbgnbdFit(cdnow, { penalizer: 0.1 }).params)).toBeLessThan(sum(fit.params));
  });

  it('requires a repeat customer', () => {
    expect(() => mbgnbdFit([{ frequency: 0, recency: 0, T: 3 }])).toThrow('mbgnbdFit requires at least one repeat customer');
  });
});
