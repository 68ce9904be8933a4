/**
 * @module
 * Maximum-likelihood fit of the shifted-beta-geometric model to a cohort's survivor counts.
 */
import { ModelInputError } from '../errors.js';
import { fitLogSpace } from '../optimize/index.js';
import { cohortCounts } from './cohort.js';
import { checkSbgParams, sbgLogSpace } from './log-likelihood.js';
import type { CohortRow, SbgFit, SbgParams } from './types.js';

/** Options for `sbgFit`, as for `bgnbdFit`. */
export interface SbgFitOptions {
  /** lifetimes' penalizer_coef: adds coef * (alpha^2 + beta^2) to the mean negative log-likelihood. Default 0. */
  readonly penalizer?: number;
  /** Starting values (default alpha = beta = 1). */
  readonly initialParams?: SbgParams;
  /** Optimizer iterations (default 200). */
  readonly maxIterations?: number;
  /** Converged when every |d(mean -ln L)/d ln theta| <= this (default 1e-6). */
  readonly gradientTolerance?: number;
  /** Throw ConvergenceError when not converged (default true). */
  readonly requireConvergence?: boolean;
}

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
  const penalizer = options.penalizer ?? 0;
  if (!(Number.isFinite(penalizer) && penalizer >= 0)) {
    throw new ModelInputError(`sbgFit requires penalizer to be a finite number >= 0: got ${penalizer}`, { field: 'penalizer' });
  }
  const start = options.initialParams ?? { alpha: 1, beta: 1 };
  checkSbgParams(start, 'sbgFit');
  const fit = fitLogSpace({
    caller: 'sbgFit',
    names: NAMES,
    start: [start.alpha, start.beta],
    logLikelihood: sbgLogSpace(active),
    totalWeight: active[0]!,
    penalizer,
    optimizer: { maxIterations: options.maxIterations ?? 200, gradientTolerance: options.gradientTolerance ?? 1e-6 },
    requireConvergence: options.requireConvergence ?? true,
  });
  return freeze({
    model: 'sbg',
    params: fit.params,
    logLikelihood: fit.logLikelihood,
    standardErrors: fit.standardErrors,
    confidenceIntervals: fit.confidenceIntervals,
    converged: fit.converged,
    iterations: fit.iterations,
    gradientNorm: fit.gradientNorm,
    customers: active[0]!,
    uniqueRows: active.length - 1,
    penalizer,
  });
}

/** Freezes the fit and the objects and intervals inside it. */
function freeze<T extends object>(fit: T): T {
  for (const inner of Object.values(fit)) {
    if (inner !== null && typeof inner === 'object') {
      for (const v of Object.values(inner)) if (v !== null && typeof v === 'object') Object.freeze(v);
      Object.freeze(inner);
    }
  }
  return Object.freeze(fit);
}
