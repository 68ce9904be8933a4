import { describe, expect, it } from 'vitest';
import { compressRfm } from '../data/compress-rfm.js';
import { loadCdnowSummary } from '../data/cdnow-fixture.case.js';
import { pnbdFit } from './fit.js';
import { pnbdLogLikelihood } from './log-likelihood.js';

const cdnow = loadCdnowSummary();

describe('pnbdFit on CDNOW', () => {
  const fit = pnbdFit(cdnow);

  it('matches Fader, Hardie & Lee (2005): r = 0.553, α = 10.578, s = 0.606, β = 11.669, LL = -9595.0', () => {
    // FHL 2005 "Counting Your Customers the Easy Way", section 7 (Pareto/NBD column);
    // also lifetimes' TestParetoNBDFitter.test_params_out_is_close_to_Hardie_paper.
    expect(fit.params.r).toBeCloseTo(0.553, 3);
    expect(fit.params.alpha).toBeCloseTo(10.578, 2);
    expect(fit.params.s).toBeCloseTo(0.606, 3);
    expect(Math.abs(fit.params.beta / 11.669 - 1)).toBeLessThan(5e-4); // 3 significant digits: 11.7
    expect(Math.abs(fit.logLikelihood - -9595.0)).toBeLessThan(0.1);
    expect(fit).toMatchObject({ model: 'pnbd', converged: true, customers: 2357, penalizer: 0 });
  });

  it('is at a stationary point, with standard errors and frozen JSON output', () => {
    const { gradient } = pnbdLogLikelihood(fit.params, compressRfm(cdnow));
    // the fit stops when the mean gradient is below 1e-6, i.e. the total below 1e-6 · 2357
    for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-6 * 2357);
    for (const name of ['r', 'alpha', 's', 'beta'] as const) {
      const ci = fit.confidenceIntervals[name] as readonly [number, number];
      expect(ci[0]).toBeLessThan(fit.params[name]);
      expect(ci[1]).toBeGreaterThan(fit.params[name]);
    }
    expect(Object.isFrozen(fit.params)).toBe(true);
    expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
  });

  it('gives the same estimates from weighted unique rows (lifetimes test_fit_with_and_without_weights)', () => {
    const c = compressRfm(cdnow);
    const weighted = pnbdFit({ frequency: c.frequency, recency: c.recency, T: c.T, weight: c.weight });
    expect(weighted.params.r).toBeCloseTo(fit.params.r, 7);
    expect(weighted.params.beta).toBeCloseTo(fit.params.beta, 5);
  });

  it('requires repeat customers and valid rows', () => {
    expect(() => pnbdFit([{ frequency: 0, recency: 0, T: 3 }])).toThrow('pnbdFit requires at least one repeat customer');
    expect(() => pnbdFit({ frequency: [1], recency: [-1], T: [3], id: ['x1'] })).toThrow(
      'pnbdFit requires 0 <= recency <= T: customer "x1" has recency -1 and T 3',
    );
  });
});
