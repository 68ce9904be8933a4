import { gammaln } from '../special/gammaln.js';
import { logAddExp } from '../special/log-sum-exp.js';
import { logUnitHypergeometric } from './unit-hypergeometric.js';
import type { ParetoNbdParams } from './params.js';

/**
 * The Pareto/NBD likelihood in a cancellation-free form.
 *
 * Fader & Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related
 * Expressions", eq. (22)-(23) give, with q = r + x and m = r + s + x,
 *   L = Γ(r+x)α^r β^s/Γ(r) · [ 1/((α+T)^q (β+T)^s) + s/m · A₀ ],
 *   A₀ = ₂F₁(m, s+1; m+1; (α-β)/(α+t_x))/(α+t_x)^m - ₂F₁(m, s+1; m+1; (α-β)/(α+T))/(α+T)^m   (α >= β)
 *   A₀ = ₂F₁(m, q; m+1; (β-α)/(β+t_x))/(β+t_x)^m - ₂F₁(m, q; m+1; (β-α)/(β+T))/(β+T)^m       (α < β).
 * The difference in A₀ cancels when t_x is close to T (lifetimes guards it with
 * a signed log-sum-exp). Here Euler's transformation turns each ₂F₁ into
 * F(b) = ₂F₁(1, b; m+1; z), a series of positive terms, and the T-terms are
 * regrouped with the identities (checked against the defining integral in tests)
 *   1 - (s/m)F(q)(z)        = (q/m)(1-z)F(q+1)(z)   (α >= β),
 *   1 - (s/m)(1-z)F(s+1)(z) = (q/m)F(s)(z)          (α < β),
 * so that L = C · [P·K + (s/m)·Q·R] with only positive terms:
 *   C = Γ(q)α^r β^s/Γ(r),  P = (α+T)^-q (β+T)^-s,  Q = (α+t_x)^-q (β+t_x)^-s,
 *   α >= β, z_y = (α-β)/(α+y):  K = (q/m)(1-z_T) F(q+1)(z_T),  R = F(q)(z_tx)
 *   α <  β, z_y = (β-α)/(β+y):  K = (q/m) F(s)(z_T),            R = (1-z_tx) F(s+1)(z_tx).
 * P·K is the "still alive at T" part, so P(alive) = P/(P·K + (s/m)Q·R).
 *
 * @module
 */

/** ln of the pieces of one customer's likelihood. */
export interface PnbdLogTerms {
  /** ln C = ln Γ(r+x) - ln Γ(r) + r ln α + s ln β */
  logC: number;
  /** ln P = -(r+x) ln(α+T) - s ln(β+T) */
  logP: number;
  /** ln(P·K): the alive-at-T branch */
  alive: number;
  /** ln((s/m)·Q·R): the dropped-out-in-(t_x, T] branch */
  dead: number;
}

/** ln K, the part of the alive branch that depends on (x, T) through ₂F₁. */
export function logKTerm(p: ParetoNbdParams, x: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const q = r + x;
  const m = q + s;
  if (alpha >= beta) {
    const w = (beta + T) / (alpha + T);
    return Math.log(q / m) + Math.log(w) + logUnitHypergeometric(q + 1, m + 1, (alpha - beta) / (alpha + T), w);
  }
  return Math.log(q / m) + logUnitHypergeometric(s, m + 1, (beta - alpha) / (beta + T), (alpha + T) / (beta + T));
}

/** ln R, the part of the dead branch that depends on (x, t_x) through ₂F₁. */
export function logRTerm(p: ParetoNbdParams, x: number, tx: number): number {
  const { r, alpha, s, beta } = p;
  const q = r + x;
  const m = q + s;
  if (alpha >= beta) return logUnitHypergeometric(q, m + 1, (alpha - beta) / (alpha + tx), (beta + tx) / (alpha + tx));
  const w = (alpha + tx) / (beta + tx);
  return Math.log(w) + logUnitHypergeometric(s + 1, m + 1, (beta - alpha) / (beta + tx), w);
}

/**
 * The log-terms for one customer (inputs assumed validated); logK and logR
 * may be passed in when the caller caches them per (x, T) and (x, t_x).
 */
export function pnbdLogTerms(
  p: ParetoNbdParams,
  x: number,
  tx: number,
  T: number,
  logK = logKTerm(p, x, T),
  logR = logRTerm(p, x, tx),
): PnbdLogTerms {
  const { r, alpha, s, beta } = p;
  const q = r + x;
  const m = q + s;
  const logC = gammaln(q) - gammaln(r) + r * Math.log(alpha) + s * Math.log(beta);
  const logP = -q * Math.log(alpha + T) - s * Math.log(beta + T);
  const logQ = -q * Math.log(alpha + tx) - s * Math.log(beta + tx);
  return { logC, logP, alive: logP + logK, dead: Math.log(s / m) + logQ + logR };
}

/**
 * ln(1 / P(alive)) = ln(K + (s/m)·(Q/P)·R), with ln(Q/P) = (r+x) ln((α+T)/(α+t_x)) + s ln((β+T)/(β+t_x))
 * taken through log1p; logK and logR may come from a cache.
 */
export function logInverseAlive(
  p: ParetoNbdParams,
  x: number,
  tx: number,
  T: number,
  logK = logKTerm(p, x, T),
  logR = logRTerm(p, x, tx),
): number {
  const q = p.r + x;
  const m = q + p.s;
  const logQOverP = q * Math.log1p((T - tx) / (p.alpha + tx)) + p.s * Math.log1p((T - tx) / (p.beta + tx));
  return logAddExp(logK, Math.log(p.s / m) + logQOverP + logR);
}

/** ln L for one customer. */
export function pnbdLogLikelihoodTerm(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const t = pnbdLogTerms(p, x, tx, T);
  return t.logC + logAddExp(t.alive, t.dead);
}
