import { describe, expect, it } from 'vitest';
import { ConvergenceError } from '../errors.js';
import { fitLogSpace } from './fit-log-space.js';

// Exponential data with n observations summing to S: ln L(λ) = n ln λ - λS,
// MLE λ̂ = n/S and Fisher information n/λ², so se(ln λ̂) = 1/√n exactly (by hand).
const n = 400;
const S = 250;
const logLikelihood = (lp: readonly number[]) => {
  const lambda = Math.exp(lp[0] as number);
  return { value: n * Math.log(lambda) - lambda * S, gradient: [n - lambda * S] };
};

describe('fitLogSpace', () => {
  it('finds the MLE with delta-method standard errors and log-scale intervals', () => {
    const fit = fitLogSpace({ caller: 'expFit', names: ['lambda'], start: [1], logLikelihood, totalWeight: n, optimizer: { gradientTolerance: 1e-12 } });
    const lambda = n / S;
    expect(fit.params.lambda).toBeCloseTo(lambda, 7);
    expect(fit.logLikelihood).toBeCloseTo(n * Math.log(lambda) - n, 8);
    expect(fit.standardErrors.lambda).toBeCloseTo(lambda / Math.sqrt(n), 7);
    const [lo, hi] = fit.confidenceIntervals.lambda as [number, number];
    expect(lo).toBeCloseTo(lambda * Math.exp(-1.959963984540054 / Math.sqrt(n)), 7);
    expect(hi).toBeCloseTo(lambda * Math.exp(1.959963984540054 / Math.sqrt(n)), 7);
    expect(fit.converged).toBe(true);
  });

  it('applies lifetimes-style L2 penalty coef·λ² to the mean negative log-likelihood', () => {
    // Minimise -ln λ + λ·(S/n) + cλ²: 2cλ² + (S/n)λ - 1 = 0 (by hand).
    const c = 0.3;
    const mean = S / n;
    const expected = (-mean + Math.sqrt(mean * mean + 8 * c)) / (4 * c);
    const fit = fitLogSpace({
      caller: 'expFit',
      names: ['lambda'],
      start: [1],
      logLikelihood,
      totalWeight: n,
      penalizer: c,
      optimizer: { gradientTolerance: 1e-12 },
    });
    expect(fit.params.lambda).toBeCloseTo(expected, 7);
    // The reported log-likelihood is the unpenalised one at the penalised estimate.
    expect(fit.logLikelihood).toBeCloseTo(n * Math.log(expected) - expected * S, 6);
  });

  it('throws ConvergenceError with the optimizer report, or returns it when allowed', () => {
    const spec = { caller: 'expFit', names: ['lambda'] as const, start: [1e6], logLikelihood, totalWeight: n };
    expect(() => fitLogSpace({ ...spec, optimizer: { maxIterations: 1 } })).toThrow(ConvergenceError);
    expect(() => fitLogSpace({ ...spec, optimizer: { maxIterations: 1 } })).toThrow('expFit did not converge: maximum iterations reached');
    expect(fitLogSpace({ ...spec, optimizer: { maxIterations: 1 }, requireConvergence: false }).converged).toBe(false);
  });
});
