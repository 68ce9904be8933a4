import { checkedCustomerLogLikelihood, checkedLogLikelihood } from '../bgnbd/family-checked.js';
import type { BgNbdParams } from '../bgnbd/params.js';
import type { CompressedRfm } from '../data/compress-rfm.js';
import type { RfmCustomer } from '../data/rfm.js';

/**
 * MBG/NBD log-likelihood of one customer (Batislam, Denizel & Filiztekin 2007,
 * "Empirical validation and comparison of models for customer base analysis",
 * IJRM 24(3); with the erratum of Wagner & Hoppe 2008). Unlike BG/NBD a
 * customer may also drop out right after the first purchase, so
 *   L = B(a, b+x+1)/B(a,b) · Γ(r+x)α^r/(Γ(r)(α+T)^(r+x))
 *     + B(a+1, b+x)/B(a,b) · Γ(r+x)α^r/(Γ(r)(α+t_x)^(r+x))   for every x >= 0,
 * the form of BTYDplus' mbgnbd (k = 1) and lifetimes' ModifiedBetaGeoFitter.
 *
 * @param params r, alpha, a, b
 * @param customer frequency (x), recency (t_x), T
 * @returns ln L
 * @throws {ModelInputError} for non-positive parameters or a customer outside the domain
 */
export function mbgnbdCustomerLogLikelihood(params: BgNbdParams, customer: RfmCustomer): number {
  return checkedCustomerLogLikelihood('mbgnbdCustomerLogLikelihood', params, customer, 1);
}

/**
 * MBG/NBD weighted sample log-likelihood over a compressed table, with its
 * analytic gradient with respect to (ln r, ln α, ln a, ln b).
 *
 * @throws {ModelInputError} for non-positive parameters
 */
export function mbgnbdLogLikelihood(params: BgNbdParams, data: CompressedRfm): { value: number; gradient: number[] } {
  return checkedLogLikelihood('mbgnbdLogLikelihood', params, data, 1);
}
