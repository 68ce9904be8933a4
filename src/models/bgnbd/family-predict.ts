import { betaln } from '../special/betaln.js';
import { gammaln } from '../special/gammaln.js';
import { expectedRepeatFactor } from './family-expectation.js';
import type { BgNbdParams } from './params.js';

/**
 * Predictions shared by BG/NBD (k = 0) and MBG/NBD (k = 1); see
 * family-log-likelihood.ts for the model. Inputs are assumed validated.
 *
 * @module
 */

/**
 * P(alive | x, t_x, T) = 1 / (1 + [x > 0 or k = 1] · a/(b+x+k-1) · ((α+T)/(α+t_x))^(r+x)),
 * the alive branch of the likelihood over the whole (FHL 2005 eq. A2 mixed over
 * λ and p; Batislam et al. 2007 appendix eq. 5 for k = 1), as a logistic of the
 * log-odds so that extreme customers give 0 or 1, never NaN.
 */
export function familyProbabilityAlive(p: BgNbdParams, x: number, tx: number, T: number, k: 0 | 1): number {
  if (x === 0 && k === 0) return 1;
  const logOdds =
    Math.log(p.a) - Math.log(p.b + x + k - 1) + (p.r + x) * Math.log1p((T - tx) / (p.alpha + tx));
  return logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
}

/** E[Y(t) | x, t_x, T]: expected repeat purchases in (T, T+t] (FHL 2005 eq. 10; b → b+1 for k = 1). */
export function familyConditionalExpected(p: BgNbdParams, x: number, tx: number, T: number, t: number, k: 0 | 1): number {
  return expectedRepeatFactor(p.r, p.alpha, p.a, p.b + k, x, T, t) * familyProbabilityAlive(p, x, tx, T, k);
}

/**
 * E[X(t)] for a new customer (FHL 2005 eq. 9). For k = 1 the customer may
 * drop out at time 0, which multiplies the BG/NBD form with b → b+1 by b/(a+b),
 * giving lifetimes' b/(a-1)·[1 - (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))].
 */
export function familyNewCustomerExpected(p: BgNbdParams, t: number, k: 0 | 1): number {
  const factor = expectedRepeatFactor(p.r, p.alpha, p.a, p.b + k, 0, 0, t);
  return k === 1 ? (factor * p.b) / (p.a + p.b) : factor;
}

/**
 * P(X(t) = n) for a new customer (FHL 2005 eq. 8; lifetimes' MBG/NBD form for k = 1):
 *   B(a, b+n+k)/B(a,b) · NB(n) + [n > 0 or k = 1] · B(a+1, b+n+k-1)/B(a,b) · P(NB >= n),
 * with NB the negative binomial Γ(r+n)/(Γ(r) n!) (α/(α+t))^r (t/(α+t))^n.
 * The tail P(NB >= n) is summed directly when it is small, so it keeps its
 * relative precision instead of being 1 minus a sum close to 1.
 */
export function familyProbabilityOfPurchases(p: BgNbdParams, n: number, t: number, k: 0 | 1): number {
  const { r, alpha, a, b } = p;
  const logP0 = r * Math.log(alpha / (alpha + t));
  const logP1 = Math.log(t / (alpha + t));
  const logNb = (j: number) => gammaln(r + j) - gammaln(r) - gammaln(j + 1) + logP0 + (j === 0 ? 0 : j * logP1);
  const alive = Math.exp(betaln(a, b + n + k) - betaln(a, b) + logNb(n));
  if (n === 0 && k === 0) return alive;
  const dead = Math.exp(betaln(a + 1, b + n + k - 1) - betaln(a, b)) * negativeBinomialTail(r, t / (alpha + t), logNb, n);
  return Math.min(1, alive + dead);
}

/** P(N >= n) for N negative binomial with shape r and success probability p1 = t/(α+t). */
function negativeBinomialTail(r: number, p1: number, logNb: (j: number) => number, n: number): number {
  if (n === 0) return 1;
  if (p1 === 0) return 0;
  // Head Σ_{j<n} by the recursion NB(j+1) = NB(j) (r+j)/(j+1) p1.
  let term = Math.exp(logNb(0));
  let head = 0;
  for (let j = 0; j < n; j++) {
    head += term;
    term *= ((r + j) / (j + 1)) * p1;
  }
  if (head <= 0.5) return 1 - head;
  // Tail Σ_{j>=n}, starting from NB(n) computed directly (the recursion may have underflowed).
  let tailTerm = Math.exp(logNb(n));
  let tail = 0;
  for (let j = n; j < n + 10_000_000; j++) {
    tail += tailTerm;
    const ratio = ((r + j) / (j + 1)) * p1;
    tailTerm *= ratio;
    // Ratios tend to p1; bound the rest by a geometric series with the larger of the two.
    const bound = Math.max(ratio, p1);
    if (bound < 1 && (tailTerm / (1 - bound)) <= 1e-16 * tail) break;
  }
  return tail;
}
