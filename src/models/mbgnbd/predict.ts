import {
  checkedConditionalExpected,
  checkedNewCustomerExpected,
  checkedProbabilityAlive,
  checkedProbabilityOfPurchases,
} from '../bgnbd/family-checked.js';
import type { BgNbdParams } from '../bgnbd/params.js';
import type { RfmCustomer } from '../data/rfm.js';

/**
 * MBG/NBD conditional expected transactions in the next t time units:
 * (a+b+x)/(a-1) · [1 - ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))] · P(alive)
 * (Batislam et al. 2007 with Wagner & Hoppe's 2008 erratum; lifetimes'
 * ModifiedBetaGeoFitter, BTYDplus' mbgcnbd.ConditionalExpectedTransactions with k = 1).
 *
 * @param params r, alpha, a, b
 * @param customer frequency (x), recency (t_x), T, optional id for errors
 * @param t horizon
 * @returns expected repeat purchases in (T, T + t], >= 0
 * @throws {ModelInputError} for non-positive parameters, negative t, or a customer outside the domain
 */
export function mbgnbdExpectedTransactions(params: BgNbdParams, customer: RfmCustomer, t: number): number {
  return checkedConditionalExpected('mbgnbdExpectedTransactions', params, customer, t, 1);
}

/**
 * MBG/NBD probability alive: 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x))
 * (Batislam et al. 2007, appendix eq. 5). Below 1 even without repeat
 * purchases, since a customer may drop out right after the first.
 *
 * @returns probability in [0, 1]
 * @throws {ModelInputError} for non-positive parameters or a customer outside the domain
 */
export function mbgnbdProbabilityAlive(params: BgNbdParams, customer: RfmCustomer): number {
  return checkedProbabilityAlive('mbgnbdProbabilityAlive', params, customer, 1);
}

/**
 * MBG/NBD expected repeat purchases of a new customer by time t:
 * b/(a-1) · [1 - (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))] (lifetimes' ModifiedBetaGeoFitter).
 *
 * @throws {ModelInputError} for non-positive parameters or negative t
 */
export function mbgnbdExpectedTransactionsNewCustomer(params: BgNbdParams, t: number): number {
  return checkedNewCustomerExpected('mbgnbdExpectedTransactionsNewCustomer', params, t, 1);
}

/**
 * MBG/NBD probability of exactly n repeat purchases in (0, t] for a new customer:
 * B(a, b+n+1)/B(a,b)·NB(n) + B(a+1, b+n)/B(a,b)·P(NB >= n)
 * (lifetimes' ModifiedBetaGeoFitter.probability_of_n_purchases_up_to_time).
 *
 * @throws {ModelInputError} for non-positive parameters, negative t, or n not a whole number >= 0
 */
export function mbgnbdProbabilityOfTransactions(params: BgNbdParams, n: number, t: number): number {
  return checkedProbabilityOfPurchases('mbgnbdProbabilityOfTransactions', params, n, t, 1);
}
