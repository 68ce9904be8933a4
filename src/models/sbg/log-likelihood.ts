/**
 * @module
 * sBG log-likelihood of a cohort's survivor counts, with its gradient in log-parameter space.
 */
import { requirePositiveParams } from '../errors.js';
import type { Objective } from '../optimize/index.js';
import { betaln } from '../special/betaln.js';
import { cohortCounts } from './cohort.js';
import type { CohortRow, SbgParams } from './types.js';

/** @throws {ModelInputError} when alpha or beta is not a positive finite number. */
export function checkSbgParams(params: SbgParams, caller: string): void {
  requirePositiveParams(caller, { alpha: params.alpha, beta: params.beta });
}

function evaluate(active: readonly number[], alpha: number, beta: number): { value: number; dAlpha: number; dBeta: number } {
  const lbab = betaln(alpha, beta);
  const last = active.length - 1;
  let value = 0;
  let dAlpha = 0;
  let dBeta = 0;
  // H(a, m) = psi(a + m) - psi(a) at integer m, accumulated as t grows.
  let hAB = 0; // H(alpha + beta, t - 1), then t
  let hB = 0; // H(beta, t - 1)
  for (let t = 1; t <= last; t++) {
    const churned = active[t - 1]! - active[t]!;
    hAB += 1 / (alpha + beta + t - 1); // now H(alpha + beta, t)
    if (churned > 0) {
      // ln P(T = t) = ln B(alpha + 1, beta + t - 1) - ln B(alpha, beta)
      value += churned * (betaln(alpha + 1, beta + t - 1) - lbab);
      dAlpha += churned * (1 / alpha - hAB);
      dBeta += churned * (hB - hAB);
    }
    hB += 1 / (beta + t - 1); // now H(beta, t)
  }
  const survivors = active[last]!;
  if (survivors > 0) {
    // ln S(T) = ln B(alpha, beta + T) - ln B(alpha, beta)
    value += survivors * (betaln(alpha, beta + last) - lbab);
    dAlpha += survivors * -hAB;
    dBeta += survivors * (hB - hAB);
  }
  return { value, dAlpha, dBeta };
}

/**
 * sBG log-likelihood of a cohort observed for T periods (Fader and Hardie 2007, the maximum-likelihood
 * estimation of alpha and beta from survivor counts, as set out in their appendix):
 *
 *   LL(alpha, beta) = sum_{t=1}^{T} (n_{t-1} - n_t) ln P(T = t) + n_T ln S(T)
 *
 * with P(T = t) = B(alpha + 1, beta + t - 1) / B(alpha, beta) and S(t) = B(alpha, beta + t) / B(alpha, beta):
 * those who churned in each period, and the survivors still active in the last one.
 *
 * @throws {ModelInputError} for invalid parameters, or naming the row of invalid cohort data.
 * @example sbgLogLikelihood({ alpha: 1, beta: 1 }, [{ period: 0, active: 1000 }, { period: 1, active: 869 }])
 */
export function sbgLogLikelihood(params: SbgParams, rows: readonly CohortRow[]): number {
  checkSbgParams(params, 'sbgLogLikelihood');
  return evaluate(cohortCounts(rows, 'sbgLogLikelihood'), params.alpha, params.beta).value;
}

/** The fit's objective: the total log-likelihood as a function of (ln alpha, ln beta), with its gradient. */
export function sbgLogSpace(active: readonly number[]): Objective {
  return (z) => {
    const alpha = Math.exp(z[0]!);
    const beta = Math.exp(z[1]!);
    const r = evaluate(active, alpha, beta);
    return { value: r.value, gradient: [r.dAlpha * alpha, r.dBeta * beta] };
  };
}
