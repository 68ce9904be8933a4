/**
 * @module
 * BG/BB probability that a customer is still alive.
 */
import { ModelInputError } from '../errors.js';
import { betaln } from '../special/betaln.js';
import { checkDiscreteCustomer } from './compress.js';
import { checkBgBbParams, customerLogLikelihood } from './log-likelihood.js';
import type { BgBbParams, DiscreteRow } from './types.js';

/**
 * Probability that a customer with history (x, t_x, n) is alive at opportunity n + periodsAhead
 * (Fader, Hardie and Shang 2010, eq. A10; with periodsAhead = 1 it is P(alive in period n + 1), their Table 6):
 *
 *   P = B(alpha + x, beta + n - x) / B(alpha, beta) * B(gamma, delta + n + m) / B(gamma, delta) / L(x, t_x, n)
 *
 * @param periodsAhead m >= 0, a whole number of opportunities; 0 gives P(alive at opportunity n).
 * @throws {ModelInputError} naming the customer for an invalid history, or for invalid parameters or periodsAhead.
 * @example bgbbProbabilityAlive(donationsFit.params, { frequency: 6, recency: 6, periods: 6 }) // 0.930
 */
export function bgbbProbabilityAlive(params: BgBbParams, customer: DiscreteRow, periodsAhead = 1): number {
  checkBgBbParams(params, 'bgbbProbabilityAlive');
  if (!Number.isInteger(periodsAhead) || periodsAhead < 0) {
    throw new ModelInputError(`bgbbProbabilityAlive requires periodsAhead to be a whole number >= 0: got ${periodsAhead}`, {
      field: 'periodsAhead',
    });
  }
  const { frequency: x, recency: tx, periods: n } = customer;
  checkDiscreteCustomer('bgbbProbabilityAlive', x, tx, n, -1, customer.id);
  const { alpha, beta, gamma, delta } = params;
  const logAlive =
    betaln(alpha + x, beta + n - x) -
    betaln(alpha, beta) +
    betaln(gamma, delta + n + periodsAhead) -
    betaln(gamma, delta) -
    customerLogLikelihood(params, x, tx, n);
  // The alive term is one of the likelihood's terms, so for m = 0 the ratio is <= 1 up to rounding.
  return Math.min(1, Math.exp(logAlive));
}
