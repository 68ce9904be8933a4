import type { PurchaseScores } from '../bgnbd/family-score.js';
import { PairCache } from '../data/pair-cache.js';
import { requireEqualColumns, validateCustomer, type RfmColumns } from '../data/rfm.js';
import { requireFiniteResult, requireTime } from '../errors.js';
import { checkParetoNbdParams, type ParetoNbdParams } from './params.js';
import { lifetimeFactor } from './predict.js';
import { logInverseAlive, logKTerm, logRTerm } from './terms.js';

/**
 * Scores a customer base with the Pareto/NBD model: conditional expected
 * transactions in the next t time units and P(alive) for every customer,
 * equal to pnbdExpectedTransactions and pnbdProbabilityAlive row by row. The
 * ₂F₁ terms are cached per distinct (x, T) and (x, t_x), which customers share.
 *
 * @param params r, alpha, s, beta
 * @param customers columns frequency, recency, T (optional id for error messages)
 * @param t horizon
 * @throws {ModelInputError} for non-positive parameters, negative t, or a customer outside the domain (named by id or index)
 */
export function pnbdScore(params: ParetoNbdParams, customers: RfmColumns, t: number): PurchaseScores {
  const caller = 'pnbdScore';
  checkParetoNbdParams(params, caller);
  requireTime(caller, t);
  const n = requireEqualColumns(customers, caller);
  const kCache = new PairCache();
  const rCache = new PairCache();
  const kTerm = (x: number, T: number) => logKTerm(params, x, T);
  const rTerm = (x: number, tx: number) => logRTerm(params, x, tx);
  const expectedTransactions = new Float64Array(n);
  const probabilityAlive = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = customers.frequency[i] as number;
    const tx = customers.recency[i] as number;
    const T = customers.T[i] as number;
    const ref = customers.id ? (customers.id[i] as string | number) : i;
    validateCustomer(x, tx, T, ref, caller);
    const logK = kCache.get(x, T, kTerm);
    const logR = rCache.get(x, tx, rTerm);
    const alive = requireFiniteResult(caller, Math.min(1, Math.exp(-logInverseAlive(params, x, tx, T, logK, logR))), ref);
    probabilityAlive[i] = alive;
    const rate = ((params.r + x) / (params.alpha + T)) * (params.beta + T);
    expectedTransactions[i] = requireFiniteResult(caller, rate * lifetimeFactor(params.s, params.beta + T, t) * alive, ref);
  }
  return { expectedTransactions, probabilityAlive };
}
