import type { CompressedRfm } from '../data/compress-rfm.js';
import { validateCustomer, type RfmCustomer } from '../data/rfm.js';
import { requireFiniteResult, requireTime, requireWholeNumber } from '../errors.js';
import { familyCustomerLogLikelihood, familyLogLikelihood } from './family-log-likelihood.js';
import {
  familyConditionalExpected,
  familyNewCustomerExpected,
  familyProbabilityAlive,
  familyProbabilityOfPurchases,
} from './family-predict.js';
import { checkBgNbdParams, type BgNbdParams } from './params.js';

/**
 * The public functions of the beta-geometric/NBD family with their inputs checked: every bgnbd* (k = 0) and
 * mbgnbd* (k = 1) likelihood and prediction is one of these with its own name as `caller`, so both models
 * check the same things in the same order and name themselves in their errors.
 *
 * @module
 */

/**
 * ln L of one customer, after checking the parameters and the customer.
 *
 * @throws {ModelInputError} for non-positive parameters or a customer outside the domain
 */
export function checkedCustomerLogLikelihood(caller: string, params: BgNbdParams, customer: RfmCustomer, k: 0 | 1): number {
  checkBgNbdParams(params, caller);
  validateCustomer(customer.frequency, customer.recency, customer.T, customer.id, caller);
  return familyCustomerLogLikelihood(params, customer.frequency, customer.recency, customer.T, k);
}

/**
 * Weighted sample ln L of a compressed table and its gradient in (ln r, ln α, ln a, ln b), after checking the
 * parameters; the gradient is a fresh array the caller may keep.
 *
 * @throws {ModelInputError} for non-positive parameters
 */
export function checkedLogLikelihood(
  caller: string,
  params: BgNbdParams,
  data: CompressedRfm,
  k: 0 | 1,
): { value: number; gradient: number[] } {
  checkBgNbdParams(params, caller);
  const result = familyLogLikelihood(params, data, k);
  return { value: result.value, gradient: [...result.gradient] };
}

/**
 * E[Y(t) | x, t_x, T], after checking the parameters, the horizon and the customer.
 *
 * @throws {ModelInputError} for non-positive parameters, negative t, a customer outside the domain, or a
 *   non-finite result (naming the customer)
 */
export function checkedConditionalExpected(caller: string, params: BgNbdParams, customer: RfmCustomer, t: number, k: 0 | 1): number {
  checkBgNbdParams(params, caller);
  requireTime(caller, t);
  validateCustomer(customer.frequency, customer.recency, customer.T, customer.id, caller);
  return requireFiniteResult(caller, familyConditionalExpected(params, customer.frequency, customer.recency, customer.T, t, k), customer.id);
}

/**
 * P(alive | x, t_x, T), after checking the parameters and the customer.
 *
 * @throws {ModelInputError} for non-positive parameters, a customer outside the domain, or a non-finite result
 */
export function checkedProbabilityAlive(caller: string, params: BgNbdParams, customer: RfmCustomer, k: 0 | 1): number {
  checkBgNbdParams(params, caller);
  validateCustomer(customer.frequency, customer.recency, customer.T, customer.id, caller);
  return requireFiniteResult(caller, familyProbabilityAlive(params, customer.frequency, customer.recency, customer.T, k), customer.id);
}

/**
 * E[X(t)] for a new customer, after checking the parameters and the horizon.
 *
 * @throws {ModelInputError} for non-positive parameters, negative t, or a non-finite result
 */
export function checkedNewCustomerExpected(caller: string, params: BgNbdParams, t: number, k: 0 | 1): number {
  checkBgNbdParams(params, caller);
  requireTime(caller, t);
  return requireFiniteResult(caller, familyNewCustomerExpected(params, t, k));
}

/**
 * P(X(t) = n) for a new customer, after checking the parameters, the period and n.
 *
 * @throws {ModelInputError} for non-positive parameters, negative t, n not a whole number >= 0, or a non-finite result
 */
export function checkedProbabilityOfPurchases(caller: string, params: BgNbdParams, n: number, t: number, k: 0 | 1): number {
  checkBgNbdParams(params, caller);
  requireTime(caller, t);
  requireWholeNumber(caller, n, 'n');
  return requireFiniteResult(caller, familyProbabilityOfPurchases(params, n, t, k));
}
