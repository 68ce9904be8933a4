import { describe, expect, it } from 'vitest';
import { compressRfm } from '../data/compress-rfm.js';
import { gammaln } from '../special/gammaln.js';
import { hyp2f1 } from '../special/hyp2f1.js';
import { integrate } from '../special/integrate.js';
import { pnbdCustomerLogLikelihood, pnbdLogLikelihood } from './log-likelihood.js';
import type { ParetoNbdParams } from './params.js';

/**
 * Second method: the model's defining integral. Alive at T, or dropped out at
 * y in (t_x, T]; mixing λ ~ gamma(r, α) and μ ~ gamma(s, β) gives
 * L = Γ(r+x)α^r β^s/Γ(r) · [(α+T)^-(r+x) (β+T)^-s + s ∫ (α+y)^-(r+x) (β+y)^-(s+1) dy].
 */
function integralLogLikelihood(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const q = r + x;
  // Scale by the integrand's value at t_x to keep the quadrature in range.
  const logScale = -q * Math.log(alpha + tx) - (s + 1) * Math.log(beta + tx);
  const integral = integrate((y) => Math.exp(-q * Math.log(alpha + y) - (s + 1) * Math.log(beta + y) - logScale), tx, T, 1e-14);
  const alive = Math.exp(-q * Math.log(alpha + T) - s * Math.log(beta + T) - logScale);
  return gammaln(q) - gammaln(r) + r * Math.log(alpha) + s * Math.log(beta) + logScale + Math.log(alive + s * integral);
}

/** Third method: Fader & Hardie (2005) eq. 22-23 as written (lifetimes' form), with hyp2f1. */
function noteLogLikelihood(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const m = r + s + x;
  const [max, b2, d] = alpha >= beta ? [alpha, s + 1, alpha - beta] : [beta, r + x, beta - alpha];
  const A0 = hyp2f1(m, b2, m + 1, d / (max + tx)) / Math.pow(max + tx, m) - hyp2f1(m, b2, m + 1, d / (max + T)) / Math.pow(max + T, m);
  const C = gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + s * Math.log(beta);
  return C + Math.log(1 / (Math.pow(alpha + T, r + x) * Math.pow(beta + T, s)) + (s / m) * A0);
}

const published = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }; // α < β
const alphaAbove = { r: 0.8, alpha: 14, s: 0.4, beta: 3 }; // α > β
const customers: Array<[number, number, number]> = [
  [0, 0, 38.86],
  [2, 30.43, 38.86],
  [7, 29.43, 38.86],
  [26, 30.86, 31],
  [3, 38.86, 38.86],
  [1, 0, 20],
  [60, 10, 39],
];

describe('pnbdCustomerLogLikelihood', () => {
  for (const [label, p] of [
    ['α < β (CDNOW estimates)', published],
    ['α > β', alphaAbove],
  ] as const) {
    it(`agrees with the defining integral and with eq. 22-23 (${label})`, () => {
      for (const [x, tx, T] of customers) {
        const ll = pnbdCustomerLogLikelihood(p, { frequency: x, recency: tx, T });
        expect(ll).toBeCloseTo(integralLogLikelihood(p, x, tx, T), 10);
        if (x < 30) expect(ll).toBeCloseTo(noteLogLikelihood(p, x, tx, T), 9);
      }
    });
  }

  it('is continuous across α = β, where the formula switches', () => {
    const at = { r: 0.7, alpha: 5, s: 0.9, beta: 5 };
    const c = { frequency: 4, recency: 12, T: 30 };
    const below = pnbdCustomerLogLikelihood({ ...at, alpha: 5 - 1e-9 }, c);
    const above = pnbdCustomerLogLikelihood({ ...at, alpha: 5 + 1e-9 }, c);
    expect(Math.abs(below - above)).toBeLessThan(1e-8);
  });

  it('stays finite for extreme customers (lifetimes test_overflow_error parameters)', () => {
    const p = { r: 10.465, alpha: 7.98565181e-3, s: 3.0516, beta: 2.82 };
    for (const [x, tx, T] of [
      [400, 5, 6],
      [500, 1, 37],
      [500, 4, 37],
    ] as const) {
      const ll = pnbdCustomerLogLikelihood(p, { frequency: x, recency: tx, T });
      expect(Number.isFinite(ll)).toBe(true);
      expect(ll).toBeCloseTo(integralLogLikelihood(p, x, tx, T), 8);
    }
  });
});

describe('pnbdLogLikelihood (compressed, with gradient)', () => {
  const rows = customers.map(([frequency, recency, T]) => ({ frequency, recency, T }));
  const data = compressRfm([...rows, ...rows.slice(0, 3)]);

  it('is -9595.0 on CDNOW at the published estimates (FHL 2005)', async () => {
    const { loadCdnowSummary } = await import('../data/cdnow-fixture.case.js');
    expect(pnbdLogLikelihood(published, compressRfm(loadCdnowSummary())).value).toBeCloseTo(-9595.0, 1);
  });

  for (const [label, p] of [
    ['α < β', published],
    ['α > β', alphaAbove],
  ] as const) {
    it(`equals the sum over customers and has an analytic gradient equal to central differences (${label})`, () => {
      const sum = [...rows, ...rows.slice(0, 3)].reduce((acc, c) => acc + pnbdCustomerLogLikelihood(p, c), 0);
      const result = pnbdLogLikelihood(p, data);
      expect(result.value).toBeCloseTo(sum, 10);
      (['r', 'alpha', 's', 'beta'] as const).forEach((name, i) => {
        const h = 1e-6;
        const up = pnbdLogLikelihood({ ...p, [name]: p[name] * Math.exp(h) }, data).value;
        const down = pnbdLogLikelihood({ ...p, [name]: p[name] * Math.exp(-h) }, data).value;
        expect(result.gradient[i]).toBeCloseTo((up - down) / (2 * h), 5);
      });
    });
  }
});
