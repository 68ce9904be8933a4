/**
 * @module
 * Simulation from the shifted-beta-geometric model.
 */
import { requireWholeNumber } from '../errors.js';
import { betaVariate, createRandom } from '../data/index.js';
import { checkSbgParams } from './log-likelihood.js';
import type { CohortRow, SbgParams } from './types.js';

/**
 * Simulates a cohort under the sBG model (Fader and Hardie 2007): each customer draws a churn probability
 * theta ~ Beta(alpha, beta) and renews at each period's end with probability 1 - theta, so their lifetime T is
 * geometric, drawn by inversion as T = ceil(ln U / ln(1 - theta)). Returns the customers active at the start of
 * periods 0..periods (those with T > t), the input of `sbgFit`. Seeded: the same seed gives the same cohort.
 *
 * @throws {ModelInputError} for invalid parameters, or when customers or periods is not a non-negative integer.
 */
export function simulateSbg(
  params: SbgParams,
  options: { readonly customers: number; readonly periods: number; readonly seed: number },
): CohortRow[] {
  checkSbgParams(params, 'simulateSbg');
  const { customers, periods, seed } = options;
  requireWholeNumber('simulateSbg', customers, 'customers');
  requireWholeNumber('simulateSbg', periods, 'periods');
  const random = createRandom(seed);
  // churnedAt[t] counts customers whose lifetime is exactly t, for t = 1..periods; longer lifetimes are survivors.
  const churnedAt = new Float64Array(periods + 1);
  for (let i = 0; i < customers; i++) {
    const theta = betaVariate(random, params.alpha, params.beta);
    // log1p keeps ln(1 - theta) accurate for tiny theta; 1 - random() is in (0, 1].
    const lifetime = Math.max(1, Math.ceil(Math.log(1 - random()) / Math.log1p(-theta)));
    if (lifetime <= periods) churnedAt[lifetime]! += 1;
  }
  const rows: CohortRow[] = [{ period: 0, active: customers }];
  let active = customers;
  for (let t = 1; t <= periods; t++) {
    active -= churnedAt[t]!;
    rows.push({ period: t, active });
  }
  return rows;
}
