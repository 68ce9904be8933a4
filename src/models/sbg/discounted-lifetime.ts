/**
 * @module
 * sBG discounted expected lifetimes (Fader and Hardie 2010, "Customer-Base Valuation in a Contractual Setting:
 * The Perils of Ignoring Heterogeneity", Marketing Science 29(1)).
 */
import { ModelInputError } from '../errors.js';
import { hyp2f1 } from '../special/hyp2f1.js';
import { checkSbgParams } from './log-likelihood.js';
import type { SbgParams } from './types.js';

/**
 * 2F1(1, b; c; z) for 0 < b < c and 0 < z < 1, as in DEL and DERL: the shared `hyp2f1`, and when that returns a
 * non-finite value (it does for large b and c, e.g. beta in the hundreds, with z > 0.9) the defining series
 * sum_k (b)_k / (c)_k z^k, summed directly. Its terms are positive and each is at most z times the previous one,
 * so the tail after a term t is below t z / (1 - z), which is the stopping rule.
 */
function discountedSurvivalSum(b: number, c: number, z: number): number {
  const shared = hyp2f1(1, b, c, z);
  if (Number.isFinite(shared)) return shared;
  let term = 1;
  let sum = 1;
  for (let k = 0; term * z > 1e-17 * sum * (1 - z); k++) {
    term *= ((b + k) / (c + k)) * z;
    sum += term;
  }
  return sum;
}

function checkDiscount(caller: string, params: SbgParams, d: number): void {
  if (!Number.isFinite(d) || d < 0) {
    throw new ModelInputError(`${caller} requires discountRate to be a finite number >= 0: got ${d}`, { field: 'discountRate' });
  }
  if (d === 0 && params.alpha <= 1) {
    throw new ModelInputError(
      `${caller} requires a positive discountRate when alpha <= 1: with alpha = ${params.alpha} the undiscounted expected lifetime is infinite`,
      { field: 'discountRate' },
    );
  }
}

/**
 * Discounted expected lifetime of a new customer, in payments: the expected present value of one unit paid at the
 * start of every period the customer is active, the first (at acquisition) undiscounted (Fader and Hardie 2010):
 *
 *   E(DEL) = sum_{t>=0} S(t) / (1 + d)^t = 2F1(1, beta; alpha + beta; 1 / (1 + d))
 *
 * Finite for every d > 0. With d = 0 it is the undiscounted E[T] = (alpha + beta - 1) / (alpha - 1), finite only
 * when alpha > 1.
 *
 * @param discountRate d per period (0.1 for 10% a period).
 * @throws {ModelInputError} for invalid parameters, a negative discount rate, or d = 0 with alpha <= 1 (infinite).
 * @example sbgDiscountedExpectedLifetime({ alpha: 3.8, beta: 15.2 }, 0.1) // 4.009
 */
export function sbgDiscountedExpectedLifetime(params: SbgParams, discountRate: number): number {
  checkSbgParams(params, 'sbgDiscountedExpectedLifetime');
  checkDiscount('sbgDiscountedExpectedLifetime', params, discountRate);
  // At d = 0 the series is Gauss's 2F1 at z = 1: (alpha + beta - 1) / (alpha - 1), finite as checked above.
  if (discountRate === 0) return (params.alpha + params.beta - 1) / (params.alpha - 1);
  return discountedSurvivalSum(params.beta, params.alpha + params.beta, 1 / (1 + discountRate));
}

/**
 * Discounted expected residual lifetime (DERL) of a customer who has renewed `renewals` times (Fader and
 * Hardie 2010; their "n - 1 renewals", so their n = renewals + 1): the expected present value of one unit paid at
 * each future renewal, valued at the end of the customer's current period, the next payment undiscounted:
 *
 *   E(DERL | n - 1 renewals) = (beta + n - 1) / (alpha + beta + n - 1) * 2F1(1, beta + n; alpha + beta + n; 1 / (1 + d))
 *
 * Multiply by the price per period for the customer's residual value. It rises with the number of renewals,
 * because a customer who keeps renewing probably has a low churn probability.
 *
 * @throws {ModelInputError} for invalid parameters or renewals, a negative discount rate, or d = 0 with alpha <= 1.
 * @example sbgDerl({ alpha: 3.8, beta: 15.2 }, 0.1, 0) // 3.31 (Fader and Hardie 2010, Table 3)
 */
export function sbgDerl(params: SbgParams, discountRate: number, renewals: number): number {
  checkSbgParams(params, 'sbgDerl');
  checkDiscount('sbgDerl', params, discountRate);
  if (!Number.isInteger(renewals) || renewals < 0) {
    throw new ModelInputError(`sbgDerl requires renewals to be a whole number >= 0: got ${renewals}`, { field: 'renewals' });
  }
  const { alpha, beta } = params;
  const n = renewals + 1;
  // At d = 0 it is the undiscounted E[T - n | T > n - 1] - 1 = (beta + n - 1) / (alpha - 1), finite as checked above.
  if (discountRate === 0) return (beta + n - 1) / (alpha - 1);
  const series = discountedSurvivalSum(beta + n, alpha + beta + n, 1 / (1 + discountRate));
  return ((beta + n - 1) / (alpha + beta + n - 1)) * series;
}
