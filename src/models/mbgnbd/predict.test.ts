import { describe, expect, it } from 'vitest';
import { gammaln } from '../special/gammaln.js';
import { hyp2f1 } from '../special/hyp2f1.js';
import { integrate } from '../special/integrate.js';
import {
  mbgnbdExpectedTransactions,
  mbgnbdExpectedTransactionsNewCustomer,
  mbgnbdProbabilityAlive,
  mbgnbdProbabilityOfTransactions,
} from './predict.js';

// Our CDNOW MBG/NBD fit (matches BTYDplus' 0.525, 6.183, 0.891, 1.614).
const fit = { r: 0.5248371592, alpha: 6.1829942646, a: 0.8913539487, b: 1.6139988900 };

describe('MBG/NBD predictions', () => {
  it('conditional expectation near the BG/NBD value 1.226 for customer 0001 (lifetimes: within 0.05)', () => {
    const v = mbgnbdExpectedTransactions(fit, { frequency: 2, recency: 30.43, T: 38.86 }, 39);
    expect(Math.abs(v - 1.226)).toBeLessThan(0.05);
    // lifetimes' closed form as written there (no Euler transformation), evaluated with hyp2f1:
    const { r, alpha, a, b } = fit;
    const [x, tx, T, t] = [2, 30.43, 38.86, 39];
    const hyp = hyp2f1(r + x, b + x + 1, a + b + x, t / (alpha + T + t));
    const numerator = ((a + b + x) / (a - 1)) * (1 - hyp * Math.pow((alpha + T) / (alpha + t + T), r + x));
    const denominator = 1 + (a / (b + x)) * Math.pow((alpha + T) / (alpha + tx), r + x);
    expect(v).toBeCloseTo(numerator / denominator, 12);
  });

  it('new-customer expectation within 5% of the Hardie BG/NBD sheet (lifetimes test)', () => {
    const times = [0.1429, 1.0, 3.0, 31.8571, 32.0, 78.0];
    const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    times.forEach((t, i) => {
      const v = mbgnbdExpectedTransactionsNewCustomer(fit, t);
      expect(Math.abs(v / (expected[i] as number) - 1)).toBeLessThan(0.05);
    });
  });

  it('new-customer expectation equals ∫ (1-p)/p · (1 - (α/(α+pt))^r) dBeta(p) (second method)', () => {
    const { r, alpha, a, b } = fit;
    const logBeta = gammaln(a) + gammaln(b) - gammaln(a + b);
    for (const t of [1, 39, 78, 1000]) {
      const numeric = integrate(
        (q) => (((1 - q) / q) * -Math.expm1(-r * Math.log1p((q * t) / alpha))) * Math.exp((a - 1) * Math.log(q) + (b - 1) * Math.log1p(-q) - logBeta),
        0,
        1,
      );
      expect(Math.abs(mbgnbdExpectedTransactionsNewCustomer(fit, t) / numeric - 1)).toBeLessThan(1e-9);
    }
  });

  it('P(alive) is below 1 without repeat purchases and in [0, 1] on a grid (lifetimes tests)', () => {
    const p0 = mbgnbdProbabilityAlive(fit, { frequency: 0, recency: 0, T: 1 });
    // hand: 1 / (1 + a/b · ((α+1)/α)^r)
    expect(p0).toBeCloseTo(1 / (1 + (fit.a / fit.b) * Math.pow((fit.alpha + 1) / fit.alpha, fit.r)), 14);
    expect(p0).toBeLessThan(1);
    for (let x = 0; x < 100; x += 10) {
      for (let tx = 0; tx < 100; tx += 10) {
        for (let T = tx; T < 100; T += 10) {
          const v = mbgnbdProbabilityAlive(fit, { frequency: x, recency: x === 0 ? 0 : tx, T });
          expect(v >= 0 && v <= 1).toBe(true);
        }
      }
    }
  });

  it('P(X(t) = 0) = b/(a+b)·(α/(α+t))^r + a/(a+b) by hand, and the pmf sums to 1', () => {
    const { r, alpha, a, b } = fit;
    const t = 39;
    expect(mbgnbdProbabilityOfTransactions(fit, 0, t)).toBeCloseTo((b / (a + b)) * Math.pow(alpha / (alpha + t), r) + a / (a + b), 14);
    let total = 0;
    for (let n = 0; n < 3000; n++) total += mbgnbdProbabilityOfTransactions(fit, n, t);
    expect(total).toBeCloseTo(1, 10);
  });
});
