import { describe, expect, it } from 'vitest';
import { compressRfm } from '../data/compress-rfm.js';
import { loadCdnowSummary } from '../data/cdnow-fixture.case.js';
import { ConvergenceError, ModelInputError } from '../errors.js';
import { bgnbdFit } from './fit.js';
import { bgnbdLogLikelihood } from './log-likelihood.js';

const cdnow = loadCdnowSummary();

describe('bgnbdFit on CDNOW', () => {
  const fit = bgnbdFit(cdnow);

  it('matches Fader, Hardie & Lee (2005): r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = -9582.4', () => {
    // Published in FHL 2005 section 7 (also lifetimes' test_params_out_is_close_to_Hardie_paper).
    expect(fit.params.r).toBeCloseTo(0.243, 3);
    expect(fit.params.alpha).toBeCloseTo(4.414, 2);
    expect(fit.params.a).toBeCloseTo(0.793, 3);
    expect(fit.params.b).toBeCloseTo(2.426, 2);
    expect(Math.abs(fit.logLikelihood - -9582.4)).toBeLessThan(0.1);
    expect(fit).toMatchObject({ model: 'bgnbd', converged: true, customers: 2357, penalizer: 0 });
    expect(fit.uniqueRows).toBeLessThanOrEqual(2357);
  });

  it('is at a stationary point: the gradient of the total log-likelihood vanishes', () => {
    const { gradient } = bgnbdLogLikelihood(fit.params, compressRfm(cdnow));
    // the fit stops when the mean gradient is below 1e-6, i.e. the total below 1e-6 · 2357
    for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-6 * 2357);
  });

  it('reports standard errors and 95% intervals that bracket the estimates', () => {
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      const se = fit.standardErrors[name];
      const ci = fit.confidenceIntervals[name];
      expect(se).not.toBeNull();
      expect(ci).not.toBeNull();
      expect((ci as readonly [number, number])[0]).toBeLessThan(fit.params[name]);
      expect((ci as readonly [number, number])[1]).toBeGreaterThan(fit.params[name]);
    }
    // Delta method on the log scale: se(r) ≈ r · (ln hi - ln lo) / (2 · 1.96).
    const [lo, hi] = fit.confidenceIntervals.r as readonly [number, number];
    expect(fit.standardErrors.r).toBeCloseTo((fit.params.r * Math.log(hi / lo)) / (2 * 1.959963984540054), 12);
  });

  it('is frozen plain JSON', () => {
    expect(Object.isFrozen(fit)).toBe(true);
    expect(Object.isFrozen(fit.params)).toBe(true);
    expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
  });

  it('gives the same fit from rows with weights as from customers (compression is exact)', () => {
    const c = compressRfm(cdnow);
    const weighted = bgnbdFit({ frequency: c.frequency, recency: c.recency, T: c.T, weight: c.weight });
    expect(weighted.params.r).toBeCloseTo(fit.params.r, 8);
    expect(weighted.logLikelihood).toBeCloseTo(fit.logLikelihood, 6);
  });

  it('shrinks all parameters with lifetimes-style L2 penalizer', () => {
    // lifetimes' test_penalizer_term_will_shrink_coefs_to_0 uses 0.1 then 10.
    const p1 = bgnbdFit(cdnow, { penalizer: 0.1 }).params;
    const p2 = bgnbdFit(cdnow, { penalizer: 10 }).params;
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      expect(p1[name]).toBeLessThan(fit.params[name]);
      expect(p2[name]).toBeLessThan(p1[name]);
    }
  });
});

describe('bgnbdFit input errors', () => {
  it('requires a repeat customer and names bad customers', () => {
    expect(() => bgnbdFit([{ frequency: 0, recency: 0, T: 3 }])).toThrow('bgnbdFit requires at least one repeat customer');
    expect(() => bgnbdFit([])).toThrow('bgnbdFit requires at least one customer');
    expect(() => bgnbdFit({ ...cdnow, recency: cdnow.recency.map((r, i) => (i === 5 ? 99 : r)) })).toThrow(
      'bgnbdFit requires 0 <= recency <= T: customer "6" has recency 99 and T 38.86',
    );
    expect(() => bgnbdFit(cdnow, { penalizer: -1 })).toThrow(ModelInputError);
  });

  it('throws ConvergenceError carrying the optimizer report when iterations run out', () => {
    try {
      bgnbdFit(cdnow, { maxIterations: 2 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConvergenceError);
      expect((e as ConvergenceError).message).toBe('bgnbdFit did not converge: maximum iterations reached');
      expect((e as ConvergenceError).result).toMatchObject({ converged: false, iterations: 2 });
    }
    expect(bgnbdFit(cdnow, { maxIterations: 2, requireConvergence: false }).converged).toBe(false);
  });
});
