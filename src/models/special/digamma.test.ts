import { describe, expect, it } from 'vitest';
import { digamma } from './digamma.js';
import { gammaln } from './gammaln.js';

const EULER_GAMMA = 0.5772156649015329;

describe('digamma', () => {
  it('matches closed forms', () => {
    expect(digamma(1)).toBeCloseTo(-EULER_GAMMA, 14);
    expect(digamma(0.5)).toBeCloseTo(-EULER_GAMMA - 2 * Math.LN2, 14); // ψ(1/2) = -γ - 2 ln 2
    expect(digamma(-0.5)).toBeCloseTo(2 - EULER_GAMMA - 2 * Math.LN2, 14); // ψ(-1/2) = ψ(1/2) + 2
  });

  it('equals the harmonic number H(n-1) - γ at integers', () => {
    let harmonic = 0;
    for (let n = 1; n <= 60; n++) {
      expect(Math.abs(digamma(n) - (harmonic - EULER_GAMMA))).toBeLessThan(1e-14 * Math.max(1, harmonic));
      harmonic += 1 / n;
    }
  });

  it('is the derivative of gammaln (central difference cross-check)', () => {
    for (const x of [0.05, 0.9, 4.2, 11.5, 300.25]) {
      const h = 1e-4 * x;
      const numeric = (gammaln(x + h) - gammaln(x - h)) / (2 * h);
      expect(Math.abs(digamma(x) - numeric)).toBeLessThan(1e-7 * Math.max(1, Math.abs(numeric)));
    }
  });

  it('returns NaN at poles', () => {
    expect(Number.isNaN(digamma(0))).toBe(true);
    expect(Number.isNaN(digamma(-2))).toBe(true);
  });
});
