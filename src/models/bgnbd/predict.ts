import type { RfmCustomer } from '../data/rfm.js';
import {
  checkedConditionalExpected,
  checkedNewCustomerExpected,
  checkedProbabilityAlive,
  checkedProbabilityOfPurchases,
} from './family-checked.js';
import type { BgNbdParams } from './params.js';

/**
 * BG/NBD conditional expected transactions: E[Y(t) | x, t_x, T], the number of
 * repeat purchases a customer with history (x, t_x, T) is expected to make in
 * the next t time units (Fader, Hardie & Lee 2005, eq. 10).
 *
 * Computed with Euler's transformation of the ₂F₁ and the alive probability as
 * a logistic of its log-odds, so very frequent buyers and a near 1 stay finite.
 *
 * @param params r, alpha, a, b
 * @param customer frequency (x), recency (t_x), T, optional id for errors
 * @param t horizon, in the time unit of the data
 * @returns expected repeat purchases in (T, T + t], >= 0
 * @throws {ModelInputError} for non-positive parameters, negative t, or a customer outside the domain
 * @example bgnbdExpectedTransactions({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { frequency: 2, recency: 30.43, T: 38.86 }, 39) // ≈ 1.226
 */
export function bgnbdExpectedTransactions(params: BgNbdParams, customer: RfmCustomer, t: number): number {
  return checkedConditionalExpected('bgnbdExpectedTransactions', params, customer, t, 0);
}

/**
 * BG/NBD probability alive: P(still active at T | x, t_x, T) =
 * 1 / (1 + [x > 0] a/(b+x-1) · ((α+T)/(α+t_x))^(r+x)) (FHL 2005 eq. A2 mixed over
 * λ and p; the reciprocal of eq. 10's denominator; lifetimes'
 * conditional_probability_alive). 1 for customers without repeat purchases.
 *
 * @param params r, alpha, a, b
 * @param customer frequency (x), recency (t_x), T, optional id for errors
 * @returns probability in [0, 1]
 * @throws {ModelInputError} for non-positive parameters or a customer outside the domain
 * @example bgnbdProbabilityAlive({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { frequency: 2, recency: 30.43, T: 38.86 }) // ≈ 0.727
 */
export function bgnbdProbabilityAlive(params: BgNbdParams, customer: RfmCustomer): number {
  return checkedProbabilityAlive('bgnbdProbabilityAlive', params, customer, 0);
}

/**
 * BG/NBD expected repeat purchases of a new customer by time t:
 * E[X(t)] = (a+b-1)/(a-1) · [1 - (α/(α+t))^r ₂F₁(r, b; a+b-1; t/(α+t))]
 * (FHL 2005 eq. 9; lifetimes' expected_number_of_purchases_up_to_time).
 *
 * @param params r, alpha, a, b
 * @param t time since the first purchase
 * @returns expected repeat purchases in (0, t], >= 0
 * @throws {ModelInputError} for non-positive parameters or negative t
 * @example bgnbdExpectedTransactionsNewCustomer({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 78) // ≈ 1.8576
 */
export function bgnbdExpectedTransactionsNewCustomer(params: BgNbdParams, t: number): number {
  return checkedNewCustomerExpected('bgnbdExpectedTransactionsNewCustomer', params, t, 0);
}

/**
 * BG/NBD probability that a new customer makes exactly n repeat purchases in
 * (0, t] (FHL 2005 eq. 8; R BTYD's bgnbd.pmf, lifetimes'
 * probability_of_n_purchases_up_to_time).
 *
 * @param params r, alpha, a, b
 * @param n number of repeat purchases (whole number >= 0)
 * @param t length of the period
 * @returns probability in [0, 1]
 * @throws {ModelInputError} for non-positive parameters, negative t, or n not a whole number >= 0
 * @example bgnbdProbabilityOfTransactions({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 0, 39) // ≈ 0.5737864
 */
export function bgnbdProbabilityOfTransactions(params: BgNbdParams, n: number, t: number): number {
  return checkedProbabilityOfPurchases('bgnbdProbabilityOfTransactions', params, n, t, 0);
}
