/**
 * @module
 * sBG survival, retention and churn-timing probabilities.
 */
import { ModelInputError } from '../errors.js';
import { betaln } from '../special/betaln.js';
import { checkSbgParams } from './log-likelihood.js';
import type { SbgParams } from './types.js';

function checkPeriod(caller: string, t: number, min: number): void {
  if (!Number.isInteger(t) || t < min) {
    throw new ModelInputError(`${caller} requires the period to be a whole number >= ${min}: got ${t}`, { field: 't' });
  }
}

/**
 * Survival function: the probability that a customer is still active after t renewal opportunities,
 * S(t) = B(alpha, beta + t) / B(alpha, beta) (Fader and Hardie 2007). S(0) = 1.
 *
 * @throws {ModelInputError} for invalid parameters or when t is not a non-negative integer.
 * @example sbgSurvival({ alpha: 0.668, beta: 3.806 }, 1) // 0.851
 */
export function sbgSurvival(params: SbgParams, t: number): number {
  checkSbgParams(params, 'sbgSurvival');
  checkPeriod('sbgSurvival', t, 0);
  return Math.exp(betaln(params.alpha, params.beta + t) - betaln(params.alpha, params.beta));
}

/**
 * Retention rate in period t: the share of customers active in period t - 1 who renew into period t,
 * r(t) = S(t) / S(t - 1) = (beta + t - 1) / (alpha + beta + t - 1) (Fader and Hardie 2007, eq. 8). It rises
 * with t because the customers who churn early are those with high churn probabilities.
 *
 * @throws {ModelInputError} for invalid parameters or when t is not an integer >= 1.
 * @example sbgRetentionRate({ alpha: 0.668, beta: 3.806 }, 1) // 0.8507
 */
export function sbgRetentionRate(params: SbgParams, t: number): number {
  checkSbgParams(params, 'sbgRetentionRate');
  checkPeriod('sbgRetentionRate', t, 1);
  return (params.beta + t - 1) / (params.alpha + params.beta + t - 1);
}

/**
 * Probability that a new customer's last active period is t, i.e. that they churn at the t-th renewal
 * opportunity: P(T = t) = B(alpha + 1, beta + t - 1) / B(alpha, beta) (Fader and Hardie 2007).
 *
 * @throws {ModelInputError} for invalid parameters or when t is not an integer >= 1.
 * @example sbgChurnProbability({ alpha: 0.668, beta: 3.806 }, 1) // 0.1493
 */
export function sbgChurnProbability(params: SbgParams, t: number): number {
  checkSbgParams(params, 'sbgChurnProbability');
  checkPeriod('sbgChurnProbability', t, 1);
  return Math.exp(betaln(params.alpha + 1, params.beta + t - 1) - betaln(params.alpha, params.beta));
}
