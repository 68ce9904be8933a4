import { gammaln } from './gammaln.js';

/**
 * Log-beta: ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a + b), for a, b > 0.
 *
 * Used for beta-mixture likelihoods (BG/NBD's E[(1-p)^x] = B(a, b + x) / B(a, b)).
 * When a or b is huge the three terms nearly cancel; the absolute error is then
 * about 1e-16 times the largest ln Γ term (1e-9 at a = b = 1e6).
 *
 * @param a positive shape
 * @param b positive shape
 * @returns ln B(a, b)
 * @example betaln(1, 1) // 0
 */
export function betaln(a: number, b: number): number {
  return gammaln(a) + gammaln(b) - gammaln(a + b);
}
