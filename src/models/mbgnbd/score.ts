import { familyScore, type PurchaseScores } from '../bgnbd/family-score.js';
import type { BgNbdParams } from '../bgnbd/params.js';
import type { RfmColumns } from '../data/rfm.js';

/**
 * Scores a customer base with the MBG/NBD model: conditional expected
 * transactions in the next t time units and P(alive) for every customer,
 * equal to the per-customer functions with shared work cached.
 *
 * @throws {ModelInputError} for non-positive parameters, negative t, or a customer outside the domain (named by id or index)
 */
export function mbgnbdScore(params: BgNbdParams, customers: RfmColumns, t: number): PurchaseScores {
  return familyScore(params, customers, t, 1, 'mbgnbdScore');
}
