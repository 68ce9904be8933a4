import { validateCustomer, type RfmCustomer } from '../data/rfm.js';
import { requireFiniteResult, requireTime } from '../errors.js';
import { exprel } from '../special/exprel.js';
import { checkParetoNbdParams, type ParetoNbdParams } from './params.js';
import { logInverseAlive } from './terms.js';

/** P(alive) for validated inputs: P / (P·K + (s/m)·Q·R) = 1 / (K + (s/m)(Q/P)R). */
export function probabilityAliveUnchecked(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  return Math.min(1, Math.exp(-logInverseAlive(p, x, tx, T)));
}

/** [1 - ((β+T)/(β+T+t))^(s-1)] / (s-1), finite through s = 1 (where it is ln((β+T+t)/(β+T))). */
export function lifetimeFactor(s: number, betaPlusT: number, t: number): number {
  const u = Math.log1p(t / betaPlusT);
  return u * exprel(-(s - 1) * u);
}

/**
 * Pareto/NBD probability alive: P(τ > T | x, t_x, T), the share of the
 * likelihood from "still alive at T" (Schmittlein et al. 1987 eq. 11;
 * Fader & Hardie 2005 note eq. 18 with A₀ of eq. 22-23), computed from
 * positive log-terms so that it is never NaN and never above 1.
 *
 * @param params r, alpha, s, beta
 * @param customer frequency (x), recency (t_x), T, optional id for errors
 * @returns probability in [0, 1]
 * @throws {ModelInputError} for non-positive parameters or a customer outside the domain
 * @example pnbdProbabilityAlive({ r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 }, { frequency: 26, recency: 30.86, T: 31 }) // ≈ 0.9979
 */
export function pnbdProbabilityAlive(params: ParetoNbdParams, customer: RfmCustomer): number {
  const caller = 'pnbdProbabilityAlive';
  checkParetoNbdParams(params, caller);
  validateCustomer(customer.frequency, customer.recency, customer.T, customer.id, caller);
  return requireFiniteResult(caller, probabilityAliveUnchecked(params, customer.frequency, customer.recency, customer.T), customer.id);
}

/**
 * Pareto/NBD conditional expected transactions in the next t time units:
 *   E[Y(t) | x, t_x, T] = (r+x)(β+T)/((α+T)(s-1)) · [1 - ((β+T)/(β+T+t))^(s-1)] · P(alive)
 * (Schmittlein et al. 1987 eq. 22; Fader & Hardie 2005 note eq. 41), with the
 * bracket divided by (s-1) through exprel so s = 1 gives its limit.
 *
 * @param params r, alpha, s, beta
 * @param customer frequency (x), recency (t_x), T, optional id for errors
 * @param t horizon
 * @returns expected repeat purchases in (T, T + t], >= 0
 * @throws {ModelInputError} for non-positive parameters, negative t, or a customer outside the domain
 */
export function pnbdExpectedTransactions(params: ParetoNbdParams, customer: RfmCustomer, t: number): number {
  const caller = 'pnbdExpectedTransactions';
  checkParetoNbdParams(params, caller);
  requireTime(caller, t);
  validateCustomer(customer.frequency, customer.recency, customer.T, customer.id, caller);
  const { r, alpha, s, beta } = params;
  const { frequency: x, recency: tx, T } = customer;
  const rate = ((r + x) / (alpha + T)) * (beta + T);
  return requireFiniteResult(caller, rate * lifetimeFactor(s, beta + T, t) * probabilityAliveUnchecked(params, x, tx, T), customer.id);
}

/**
 * Pareto/NBD expected repeat purchases of a new customer by time t:
 * E[X(t)] = rβ/(α(s-1)) · [1 - (β/(β+t))^(s-1)] (Schmittlein et al. 1987 eq. 17;
 * Fader & Hardie 2005 note eq. 27), finite through s = 1.
 *
 * @throws {ModelInputError} for non-positive parameters or negative t
 */
export function pnbdExpectedTransactionsNewCustomer(params: ParetoNbdParams, t: number): number {
  const caller = 'pnbdExpectedTransactionsNewCustomer';
  checkParetoNbdParams(params, caller);
  requireTime(caller, t);
  return requireFiniteResult(caller, (params.r / params.alpha) * params.beta * lifetimeFactor(params.s, params.beta, t));
}
