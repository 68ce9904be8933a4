import { describe, expect, it } from 'vitest';
import { integrate } from '../special/integrate.js';
import { pnbdExpectedTransactions, pnbdExpectedTransactionsNewCustomer, pnbdProbabilityAlive } from './predict.js';

// Our CDNOW fit (matches FHL 2005's 0.553, 10.578, 0.606, 11.669).
const fit = { r: 0.5532752667, alpha: 10.5776096787, s: 0.6062127596, beta: 11.6678943566 };

/** Second method for P(alive): alive term over the likelihood's defining integral (see log-likelihood.test.ts). */
function integralProbabilityAlive(p: typeof fit, x: number, tx: number, T: number): number {
  const q = p.r + x;
  const scale = -q * Math.log(p.alpha + tx) - (p.s + 1) * Math.log(p.beta + tx);
  const dead = p.s * integrate((y) => Math.exp(-q * Math.log(p.alpha + y) - (p.s + 1) * Math.log(p.beta + y) - scale), tx, T, 1e-14);
  const alive = Math.exp(-q * Math.log(p.alpha + T) - p.s * Math.log(p.beta + T) - scale);
  return alive / (alive + dead);
}

describe('pnbdProbabilityAlive', () => {
  it('is 0.9979 for x = 26, t_x = 30.86, T = 31 (R BTYD walkthrough p. 8, as in lifetimes)', () => {
    const btyd = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 };
    expect(Math.abs(pnbdProbabilityAlive(btyd, { frequency: 26, recency: 30.86, T: 31 }) - 0.9979)).toBeLessThan(1e-4);
  });

  it('agrees with the defining integral', () => {
    for (const [x, tx, T] of [
      [0, 0, 38.86],
      [2, 30.43, 38.86],
      [7, 10, 38.86],
      [1, 0.5, 1],
    ] as const) {
      expect(pnbdProbabilityAlive(fit, { frequency: x, recency: tx, T })).toBeCloseTo(integralProbabilityAlive(fit, x, tx, T), 12);
    }
  });

  it('stays in [0, 1] on lifetimes grids and for overflow-prone parameters', () => {
    for (let x = 0; x < 100; x += 10) {
      for (let tx = 0; tx < 100; tx += 10) {
        for (let T = tx; T < 100; T += 10) {
          const p = pnbdProbabilityAlive(fit, { frequency: x, recency: x === 0 ? 0 : tx, T });
          expect(p >= 0 && p <= 1).toBe(true);
        }
      }
    }
    // lifetimes' test_conditional_probability_alive_overflow_error
    const odd = { r: 10.465, alpha: 7.98565181e-3, s: 3.0516, beta: 2.82 };
    for (const [x, tx, T] of [
      [40, 5, 6],
      [50, 1, 37],
      [50, 4, 37],
    ] as const) {
      const p = pnbdProbabilityAlive(odd, { frequency: x, recency: tx, T });
      expect(Number.isFinite(p) && p >= 0 && p <= 1).toBe(true);
    }
  });
});

describe('pnbdExpectedTransactions', () => {
  it('is 25.46 for x = 26, t_x = 30.86, T = 31 over 52 weeks (R BTYD walkthrough, lifetimes test)', () => {
    expect(Math.abs(pnbdExpectedTransactions(fit, { frequency: 26, recency: 30.86, T: 31 }, 52) - 25.46)).toBeLessThan(0.01);
  });

  it('matches lifetimes at the inputs of its underflow test', () => {
    // test_conditional_expectation_underflow lists lifetimes' own results in comments.
    const p = { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 };
    expect(pnbdExpectedTransactions(p, { frequency: 132, recency: 200, T: 200 }, 10)).toBeCloseTo(6.2060517889632418, 10);
    expect(pnbdExpectedTransactions(p, { frequency: 133, recency: 200, T: 200 }, 10)).toBeCloseTo(6.2528722475748113, 10);
  });

  it('is continuous through s = 1 and zero at t = 0', () => {
    const c = { frequency: 3, recency: 20, T: 30 };
    const at = pnbdExpectedTransactions({ ...fit, s: 1 }, c, 26);
    const around = (pnbdExpectedTransactions({ ...fit, s: 1 - 1e-6 }, c, 26) + pnbdExpectedTransactions({ ...fit, s: 1 + 1e-6 }, c, 26)) / 2;
    expect(Math.abs(at - around)).toBeLessThan(1e-9);
    expect(pnbdExpectedTransactions(fit, c, 0)).toBe(0);
  });
});

describe('pnbdExpectedTransactionsNewCustomer', () => {
  it('equals (r/α) ∫₀ᵗ (β/(β+u))^s du (second method)', () => {
    for (const t of [1, 9, 39, 78, 1000]) {
      const numeric = (fit.r / fit.alpha) * integrate((u) => Math.pow(fit.beta / (fit.beta + u), fit.s), 0, t);
      expect(pnbdExpectedTransactionsNewCustomer(fit, t)).toBeCloseTo(numeric, 12);
    }
  });

  it('is close to R BTYD pnbd.Expectation on CDNOW (lifetimes test, atol 0.01)', () => {
    // BTYD's example values come from its own estimates, slightly different from ours.
    const btyd = [0, 0.05077821, 0.09916088, 0.14542507, 0.1897993, 0.23247466, 0.27361274, 0.31335159, 0.35181024, 0.38909211];
    btyd.forEach((v, t) => expect(Math.abs(pnbdExpectedTransactionsNewCustomer(fit, t) - v)).toBeLessThan(0.003));
  });
});
