import { describe, expect, it } from 'vitest';
import { gammaln, gammaSign } from './gammaln.js';

/** ln((n-1)!) by summing logarithms: a hand computation, independent of the approximation. */
function logFactorialOf(nMinusOne: number): number {
  let sum = 0;
  for (let k = 2; k <= nMinusOne; k++) sum += Math.log(k);
  return sum;
}

const relClose = (actual: number, expected: number, rel: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));

describe('gammaln', () => {
  it('matches closed forms at half-integers', () => {
    const lnSqrtPi = 0.5 * Math.log(Math.PI);
    relClose(gammaln(0.5), lnSqrtPi, 1e-15); // Γ(1/2) = √π
    relClose(gammaln(1.5), lnSqrtPi - Math.LN2, 4e-15); // Γ(3/2) = √π/2
    relClose(gammaln(-0.5), lnSqrtPi + Math.LN2, 4e-15); // Γ(-1/2) = -2√π
    relClose(gammaln(-1.5), lnSqrtPi + Math.log(4 / 3), 4e-15); // Γ(-3/2) = 4√π/3
    relClose(gammaln(10.5), lnSqrtPi + Math.log(654729075 / 1024), 1e-15); // Γ(21/2) = 19!!/2^10 √π
  });

  it('matches ln((n-1)!) on both sides of the Stirling switch at 10', () => {
    for (const n of [1, 2, 3, 5, 9, 10, 11, 20, 50, 100, 171, 1000]) {
      relClose(gammaln(n), logFactorialOf(n - 1), 1e-14);
    }
    expect(gammaln(1)).toBeCloseTo(0, 15);
    expect(gammaln(2)).toBeCloseTo(0, 15);
  });

  it('matches published constants Γ(1/3) and Γ(1/4)', () => {
    // Γ(1/3) = 2.6789385347077476337, Γ(1/4) = 3.6256099082219083119 (OEIS A073005, A068466)
    relClose(gammaln(1 / 3), Math.log(2.6789385347077476337), 1e-15);
    relClose(gammaln(1 / 4), Math.log(3.6256099082219083119), 1e-15);
  });

  it('satisfies ln Γ(x+1) - ln Γ(x) = ln x across the ranges', () => {
    for (const x of [1e-6, 0.3, 0.75, 3.7, 9.5, 9.999999, 25.3, 1e3 + 0.25, 1e6 + 0.5]) {
      const diff = gammaln(x + 1) - gammaln(x);
      expect(Math.abs(diff - Math.log(x))).toBeLessThan(2e-16 * Math.abs(gammaln(x)) * 8 + 1e-14);
    }
  });

  it('is -ln x - γx near zero', () => {
    const x = 1e-8;
    relClose(gammaln(x), -Math.log(x) - 0.5772156649015329 * x, 1e-15);
  });

  it('gives Infinity at poles and NaN for NaN', () => {
    expect(gammaln(0)).toBe(Infinity);
    expect(gammaln(-3)).toBe(Infinity);
    expect(Number.isNaN(gammaln(NaN))).toBe(true);
  });

  it('gammaSign follows the alternation between poles', () => {
    expect([gammaSign(2.5), gammaSign(-0.5), gammaSign(-1.5), gammaSign(-2.5), gammaSign(-2)]).toEqual([
      1, -1, 1, -1, 0,
    ]);
  });
});
