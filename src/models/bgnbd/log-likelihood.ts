import type { CompressedRfm } from '../data/compress-rfm.js';
import type { RfmCustomer } from '../data/rfm.js';
import { checkedCustomerLogLikelihood, checkedLogLikelihood } from './family-checked.js';
import type { BgNbdParams } from './params.js';

/**
 * BG/NBD log-likelihood of one customer: ln of Fader, Hardie & Lee (2005),
 * "Counting Your Customers the Easy Way", eq. 6:
 *   L = B(a,b+x)/B(a,b) · Γ(r+x)α^r/(Γ(r)(α+T)^(r+x))
 *     + [x>0] B(a+1,b+x-1)/B(a,b) · Γ(r+x)α^r/(Γ(r)(α+t_x)^(r+x)),
 * summed in log space.
 *
 * @param params r, alpha, a, b
 * @param customer frequency (x), recency (t_x), T
 * @returns ln L
 * @throws {ModelInputError} for non-positive parameters or a customer outside the domain
 * @example bgnbdCustomerLogLikelihood({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { frequency: 2, recency: 30.43, T: 38.86 }) // ≈ -9.46
 */
export function bgnbdCustomerLogLikelihood(params: BgNbdParams, customer: RfmCustomer): number {
  return checkedCustomerLogLikelihood('bgnbdCustomerLogLikelihood', params, customer, 0);
}

/**
 * BG/NBD sample log-likelihood (FHL 2005 eq. 7 with customer weights): the
 * weighted sum of eq. 6 over a compressed table, with its analytic gradient
 * with respect to (ln r, ln α, ln a, ln b).
 *
 * @param params r, alpha, a, b
 * @param data output of compressRfm
 * @returns value (total ln L) and gradient (4 entries, log-parameter space)
 * @throws {ModelInputError} for non-positive parameters
 */
export function bgnbdLogLikelihood(params: BgNbdParams, data: CompressedRfm): { value: number; gradient: number[] } {
  return checkedLogLikelihood('bgnbdLogLikelihood', params, data, 0);
}
