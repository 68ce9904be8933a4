import type { RfmColumns } from '../data/rfm.js';
import { validateCustomer } from '../data/rfm.js';
import { ModelInputError, requireFiniteResult } from '../errors.js';
import { expectedRepeatFactor } from './family-expectation.js';
import { familyProbabilityAlive } from './family-predict.js';
import type { BgNbdParams } from './params.js';

/** Per-customer predictions for a whole customer base. */
export interface PurchaseScores {
  /** Expected repeat purchases in the next t time units. */
  readonly expectedTransactions: Float64Array;
  /** Probability of being active now. */
  readonly probabilityAlive: Float64Array;
}

/**
 * Scores every customer with both predictions. The ₂F₁ factor of the
 * conditional expectation depends on (x, T) only, so it is computed once per
 * distinct pair; P(alive) is a closed form per customer.
 */
export function familyScore(p: BgNbdParams, customers: RfmColumns, t: number, k: 0 | 1, caller: string): PurchaseScores {
  const n = customers.frequency.length;
  if (customers.recency.length !== n || customers.T.length !== n) {
    throw new ModelInputError(`${caller} requires frequency, recency and T columns of equal length`);
  }
  const expectedTransactions = new Float64Array(n);
  const probabilityAlive = new Float64Array(n);
  const factors = new Map<number, Map<number, number>>();
  for (let i = 0; i < n; i++) {
    const x = customers.frequency[i] as number;
    const tx = customers.recency[i] as number;
    const T = customers.T[i] as number;
    const ref = customers.id ? (customers.id[i] as string | number) : i;
    validateCustomer(x, tx, T, ref, caller);
    let byT = factors.get(x);
    if (byT === undefined) {
      byT = new Map();
      factors.set(x, byT);
    }
    let factor = byT.get(T);
    if (factor === undefined) {
      factor = expectedRepeatFactor(p.r, p.alpha, p.a, p.b + k, x, T, t);
      byT.set(T, factor);
    }
    const alive = requireFiniteResult(caller, familyProbabilityAlive(p, x, tx, T, k), ref);
    probabilityAlive[i] = alive;
    expectedTransactions[i] = requireFiniteResult(caller, factor * alive, ref);
  }
  return { expectedTransactions, probabilityAlive };
}
