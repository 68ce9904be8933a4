/**
 * @module
 * sBG expected (undiscounted) lifetime.
 */
import { ModelInputError } from '../errors.js';
import { checkSbgParams } from './log-likelihood.js';
import type { ExpectedLifetime, SbgParams } from './types.js';

/**
 * Expected number of periods a customer is active, counting the current one, for a customer who has renewed
 * `renewals` times (0 for a new customer in period 0; a customer who has renewed n times is active in period n).
 *
 * A customer with churn probability theta stays 1 / theta periods on average (geometric lifetime, memoryless),
 * and after n renewals theta ~ Beta(alpha, beta + n); so E[T - n | T > n] = E[1 / theta]
 * = (alpha + beta + n - 1) / (alpha - 1). For n = 0 this is E[T], the expected lifetime of a new customer.
 * That mean is infinite when alpha <= 1: the Beta density then puts enough weight near theta = 0 (customers who
 * almost never churn) that the average lifetime diverges, even though almost every customer churns eventually.
 * Fader and Hardie's published fits (alpha = 0.668 and 0.704) are in that case; use the discounted lifetime
 * (`sbgDiscountedExpectedLifetime`, `sbgDerl`) for valuation, which is always finite for a positive discount rate.
 *
 * @throws {ModelInputError} for invalid parameters or when renewals is not a non-negative integer.
 * @example sbgExpectedLifetime({ alpha: 3.8, beta: 15.2 }) // { finite: true, periods: 6.428... }
 */
export function sbgExpectedLifetime(params: SbgParams, renewals = 0): ExpectedLifetime {
  checkSbgParams(params, 'sbgExpectedLifetime');
  if (!Number.isInteger(renewals) || renewals < 0) {
    throw new ModelInputError(`sbgExpectedLifetime requires renewals to be a whole number >= 0: got ${renewals}`, { field: 'renewals' });
  }
  const { alpha, beta } = params;
  if (alpha <= 1) {
    return {
      finite: false,
      reason: `alpha = ${alpha} <= 1: the expected lifetime is infinite (too many customers have churn probabilities near 0); use a discounted lifetime instead`,
    };
  }
  return { finite: true, periods: (alpha + beta + renewals - 1) / (alpha - 1) };
}
