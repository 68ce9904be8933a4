import { describe, expect, it } from 'vitest';
import { ModelInputError } from '../errors.js';
import { centralDifferences } from '../optimize/central-differences.case.js';
import { highEnd } from './cohorts.case.js';
import { sbgLogLikelihood, sbgLogSpace } from './log-likelihood.js';

describe('sbgLogLikelihood', () => {
  it('matches an independent implementation at alpha = beta = 1', () => {
    // jdmaturen/shifted_beta_geometric_py (sbg.py, test()) checks LL(1, 1) = -2.115 on the high-end survival
    // fractions (.869, ..., .491), i.e. per customer, with numpy's allclose (relative tolerance 1e-3); with 1,000
    // customers it is 1000 times that.
    const perCustomer = sbgLogLikelihood({ alpha: 1, beta: 1 }, highEnd) / 1000;
    expect(Math.abs(perCustomer - -2.115)).toBeLessThan(1e-3 * 2.115);
  });

  it('is maximal at the published high-end fit', () => {
    // Fader and Hardie (2007): alpha = 0.668, beta = 3.806. Moving either parameter lowers the likelihood.
    const best = sbgLogLikelihood({ alpha: 0.668, beta: 3.806 }, highEnd);
    for (const [a, b] of [
      [0.6, 3.806],
      [0.74, 3.806],
      [0.668, 3.4],
      [0.668, 4.2],
    ] as const) {
      expect(sbgLogLikelihood({ alpha: a, beta: b }, highEnd)).toBeLessThan(best);
    }
  });

  it('has an analytic gradient in log space that matches central differences (relative 1e-6)', () => {
    const objective = sbgLogSpace(highEnd.map((r) => r.active));
    const z = [-0.2, 1.1];
    const { gradient } = objective(z);
    const numeric = centralDifferences(objective, z, 1e-5);
    for (let k = 0; k < 2; k++) {
      expect(Math.abs(gradient[k]! - numeric[k]!)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric[k]!)));
    }
  });

  it('rejects cohorts that grow, skip periods or lack a later period', () => {
    const p = { alpha: 1, beta: 1 };
    expect(() => sbgLogLikelihood(p, [{ period: 0, active: 100 }, { period: 1, active: 120 }])).toThrow(/can only shrink/);
    expect(() => sbgLogLikelihood(p, [{ period: 0, active: 100 }, { period: 2, active: 80 }])).toThrow(/row 1 has period 2/);
    expect(() => sbgLogLikelihood(p, [{ period: 0, active: 100 }])).toThrow(ModelInputError);
    expect(() => sbgLogLikelihood(p, [{ period: 0, active: 100 }, { period: 1, active: Number.NaN }])).toThrow(/active NaN/);
  });
});
