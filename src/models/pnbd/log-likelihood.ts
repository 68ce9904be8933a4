import type { CompressedRfm } from '../data/compress-rfm.js';
import { validateCustomer, type RfmCustomer } from '../data/rfm.js';
import { pnbdCompressedLogLikelihood } from './compressed-log-likelihood.js';
import { checkParetoNbdParams, type ParetoNbdParams } from './params.js';
import { pnbdLogLikelihoodTerm } from './terms.js';

/**
 * Pareto/NBD log-likelihood of one customer (Schmittlein, Morrison & Colombo
 * 1987; Fader & Hardie 2005, "A Note on Deriving the Pareto/NBD Model and
 * Related Expressions", eq. 22-23 with the α >= β / α < β switch), evaluated
 * in the cancellation-free form described in terms.ts.
 *
 * @param params r, alpha, s, beta
 * @param customer frequency (x), recency (t_x), T
 * @returns ln L
 * @throws {ModelInputError} for non-positive parameters or a customer outside the domain
 */
export function pnbdCustomerLogLikelihood(params: ParetoNbdParams, customer: RfmCustomer): number {
  const caller = 'pnbdCustomerLogLikelihood';
  checkParetoNbdParams(params, caller);
  validateCustomer(customer.frequency, customer.recency, customer.T, customer.id, caller);
  return pnbdLogLikelihoodTerm(params, customer.frequency, customer.recency, customer.T);
}

/**
 * Pareto/NBD weighted sample log-likelihood over a compressed table, with its
 * analytic gradient with respect to (ln r, ln α, ln s, ln β).
 *
 * @throws {ModelInputError} for non-positive parameters
 */
export function pnbdLogLikelihood(params: ParetoNbdParams, data: CompressedRfm): { value: number; gradient: number[] } {
  checkParetoNbdParams(params, 'pnbdLogLikelihood');
  const result = pnbdCompressedLogLikelihood(params, data);
  return { value: result.value, gradient: [...result.gradient] };
}
