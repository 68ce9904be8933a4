/**
 * @module
 * Maximum-likelihood fit of the BG/BB model.
 */
import { ModelInputError } from '../errors.js';
import { fitLogSpace } from '../optimize/index.js';
import { compressDiscrete } from './compress.js';
import { bgbbLogSpace, checkBgBbParams } from './log-likelihood.js';
import type { BgBbFit, BgBbParams, DiscreteData } from './types.js';

/** Options for `bgbbFit`, as for `bgnbdFit`. */
export interface BgBbFitOptions {
  /** lifetimes' penalizer_coef: adds coef * (alpha^2 + beta^2 + gamma^2 + delta^2) to the mean negative log-likelihood. Default 0. */
  readonly penalizer?: number;
  /** Starting values (default all 1). */
  readonly initialParams?: BgBbParams;
  /** Optimizer iterations (default 200). */
  readonly maxIterations?: number;
  /** Converged when every |d(mean -ln L)/d ln theta| <= this (default 1e-6). */
  readonly gradientTolerance?: number;
  /** Throw ConvergenceError when not converged (default true). */
  readonly requireConvergence?: boolean;
}

const NAMES = ['alpha', 'beta', 'gamma', 'delta'] as const;

/**
 * Fits the BG/BB model (Fader, Hardie and Shang 2010, "Customer-Base Analysis in a Discrete-Time Noncontractual
 * Setting", Marketing Science 29(6)) by maximum likelihood: BFGS on the log parameters with the analytic
 * gradient, on customers grouped by identical (frequency, recency, periods). Standard errors come from the
 * Hessian in log space by the delta method, with 95% intervals exp(ln theta +- 1.96 se).
 *
 * @param data rows, columns, or the output of `compressDiscrete`
 * @returns `{ model: 'bgbb', params: { alpha, beta, gamma, delta }, logLikelihood, standardErrors,
 *   confidenceIntervals, converged, iterations, gradientNorm, customers, uniqueRows, penalizer }`
 * @throws {ModelInputError} naming the customer for an invalid history, when there is no customer, or
 *   "bgbbFit requires at least one repeat customer" (without one the transaction process is not identified).
 * @throws {ConvergenceError} when the optimizer does not converge, with its report attached.
 * @example bgbbFit(donations).params // { alpha: 1.204, beta: 0.750, gamma: 0.657, delta: 2.783 } (rounded)
 */
export function bgbbFit(data: DiscreteData, options: BgBbFitOptions = {}): BgBbFit {
  const rows = compressDiscrete(data, 'bgbbFit');
  if (!rows.frequency.some((x) => x > 0)) throw new ModelInputError('bgbbFit requires at least one repeat customer');
  const penalizer = options.penalizer ?? 0;
  if (!(Number.isFinite(penalizer) && penalizer >= 0)) {
    throw new ModelInputError(`bgbbFit requires penalizer to be a finite number >= 0: got ${penalizer}`, { field: 'penalizer' });
  }
  const start = options.initialParams ?? { alpha: 1, beta: 1, gamma: 1, delta: 1 };
  checkBgBbParams(start, 'bgbbFit');
  const fit = fitLogSpace({
    caller: 'bgbbFit',
    names: NAMES,
    start: [start.alpha, start.beta, start.gamma, start.delta],
    logLikelihood: bgbbLogSpace(rows),
    totalWeight: rows.customers,
    penalizer,
    optimizer: { maxIterations: options.maxIterations ?? 200, gradientTolerance: options.gradientTolerance ?? 1e-6 },
    requireConvergence: options.requireConvergence ?? true,
  });
  return freeze({
    model: 'bgbb',
    params: fit.params,
    logLikelihood: fit.logLikelihood,
    standardErrors: fit.standardErrors,
    confidenceIntervals: fit.confidenceIntervals,
    converged: fit.converged,
    iterations: fit.iterations,
    gradientNorm: fit.gradientNorm,
    customers: rows.customers,
    uniqueRows: rows.uniqueRows,
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
