import type { RfmColumns } from '../data/rfm.js';
import { familyScore, type PurchaseScores } from './family-score.js';
import type { BgNbdParams } from './params.js';

export type { PurchaseScores } from './family-score.js';

/**
 * Scores a customer base with the BG/NBD model: for every customer, the
 * conditional expected transactions in the next t time units (FHL 2005 eq. 10)
 * and the probability of being alive, equal to bgnbdExpectedTransactions and
 * bgnbdProbabilityAlive row by row but with shared work cached.
 *
 * @param params r, alpha, a, b
 * @param customers columns frequency, recency, T (optional id for error messages)
 * @param t horizon
 * @returns expectedTransactions and probabilityAlive, one entry per customer
 * @throws {ModelInputError} for non-positive parameters, negative t, or a customer outside the domain (named by id or index)
 */
export function bgnbdScore(params: BgNbdParams, customers: RfmColumns, t: number): PurchaseScores {
  return familyScore(params, customers, t, 0, 'bgnbdScore');
}
