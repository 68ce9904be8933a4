/**
 * @module
 * Maximum-likelihood fit of the shifted-beta-geometric model to a cohort's survivor counts.
 */
import { ModelInputError } from '../errors.js';
import type { FitOptions } from '../fit-options.js';
import { maximumLikelihoodFit } from '../maximum-likelihood-fit.js';
import { cohortCounts } from './cohort.js';
import { checkSbgParams, sbgLogSpace } from './log-likelihood.js';
import type { CohortRow, SbgFit, SbgParams } from './types.js';

/**
 * Options for `sbgFit`, as for `bgnbdFit`: the penalty is coef * (alpha^2 + beta^2); the default start is
 * alpha = beta = 1.
 */
export type SbgFitOptions = FitOptions<SbgParams>;

const NAMES = ['alpha', 'beta'] as const;

/**
 * Fits the sBG model (Fader and Hardie 2007, "How to Project Customer Retention", Journal of Interactive
 * Marketing 21(1)) to the customers of one cohort active at the start of periods 0..T: BFGS on (ln alpha,
 * ln beta) with the analytic gradient. Standard errors come from the Hessian in log space by the delta method,
 * with 95% intervals exp(ln theta +- 1.96 se); they assume the counts are customers.
 *
 * @returns `{ model: 'sbg', params: { alpha, beta }, logLikelihood, standardErrors, confidenceIntervals,
 *   converged, iterations, gradientNorm, customers, uniqueRows, penalizer }`
 * @throws {ModelInputError} naming the row for invalid cohort data (periods not 0..T, growing counts, ...), and
 *   when nobody churned or nobody renewed, since the likelihood then has no maximum.
 * @throws {ConvergenceError} when the optimizer does not converge, with its report attached.
 * @example sbgFit(highEnd).params // { alpha: 0.668, beta: 3.806 } (rounded)
 */
export function sbgFit(rows: readonly CohortRow[], options: SbgFitOptions = {}): SbgFit {
  const active = cohortCounts(rows, 'sbgFit');
  // Without churn, or with everyone gone at the first renewal, the likelihood has no maximum: it keeps rising as
  // alpha / beta goes to 0 (or to infinity).
  if (active[active.length - 1] === active[0]) {
    throw new ModelInputError('sbgFit requires at least one customer who churned', { field: 'active' });
  }
  if (active[1] === 0) {
    throw new ModelInputError('sbgFit requires at least one customer who renewed', { field: 'active' });
  }
  return maximumLikelihoodFit(
    {
      caller: 'sbgFit',
      model: 'sbg',
      names: NAMES,
      defaultStart: () => ({ alpha: 1, beta: 1 }),
      checkParams: checkSbgParams,
      logLikelihood: sbgLogSpace(active),
      customers: active[0]!,
      uniqueRows: active.length - 1,
    },
    options,
  );
}
