import { PairCache } from '../data/pair-cache.js';
import { requireEqualColumns, validateCustomer, type RfmColumns } from '../data/rfm.js';
import { requireFiniteResult, requireTime } from '../errors.js';
import { expectedRepeatFactor } from './family-expectation.js';
import { familyProbabilityAlive } from './family-predict.js';
import { checkBgNbdParams, type BgNbdParams } from './params.js';

/** Per-customer predictions for a whole customer base. */
export interface PurchaseScores {
  /** Expected repeat purchases in the next t time units. */
  readonly expectedTransactions: Float64Array;
  /** Probability of being active now. */
  readonly probabilityAlive: Float64Array;
}

/**
 * Scores every customer with both predictions, after checking the parameters,
 * the horizon and every customer (errors name `caller`). The ₂F₁ factor of the
 * conditional expectation depends on (x, T) only, so it is computed once per
 * distinct pair; P(alive) is a closed form per customer.
 */
export function familyScore(p: BgNbdParams, customers: RfmColumns, t: number, k: 0 | 1, caller: string): PurchaseScores {
  checkBgNbdParams(p, caller);
  requireTime(caller, t);
  const n = requireEqualColumns(customers, caller);
  const expectedTransactions = new Float64Array(n);
  const probabilityAlive = new Float64Array(n);
  const factors = new PairCache();
  const factorOf = (x: number, T: number) => expectedRepeatFactor(p.r, p.alpha, p.a, p.b + k, x, T, t);
  for (let i = 0; i < n; i++) {
    const x = customers.frequency[i] as number;
    const tx = customers.recency[i] as number;
    const T = customers.T[i] as number;
    const ref = customers.id ? (customers.id[i] as string | number) : i;
    validateCustomer(x, tx, T, ref, caller);
    const factor = factors.get(x, T, factorOf);
    const alive = requireFiniteResult(caller, familyProbabilityAlive(p, x, tx, T, k), ref);
    probabilityAlive[i] = alive;
    expectedTransactions[i] = requireFiniteResult(caller, factor * alive, ref);
  }
  return { expectedTransactions, probabilityAlive };
}
