/**
 * @module
 * Maximum-likelihood fit of the BG/BB model.
 */
import { ModelInputError } from '../errors.js';
import type { FitOptions } from '../fit-options.js';
import { maximumLikelihoodFit } from '../maximum-likelihood-fit.js';
import { compressDiscrete } from './compress.js';
import { bgbbLogSpace, checkBgBbParams } from './log-likelihood.js';
import type { BgBbFit, BgBbParams, DiscreteData } from './types.js';

/**
 * Options for `bgbbFit`, as for `bgnbdFit`: the penalty is coef * (alpha^2 + beta^2 + gamma^2 + delta^2); the
 * default start is all 1.
 */
export type BgBbFitOptions = FitOptions<BgBbParams>;

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
  return maximumLikelihoodFit(
    {
      caller: 'bgbbFit',
      model: 'bgbb',
      names: NAMES,
      defaultStart: () => ({ alpha: 1, beta: 1, gamma: 1, delta: 1 }),
      checkParams: checkBgBbParams,
      logLikelihood: bgbbLogSpace(rows),
      customers: rows.customers,
      uniqueRows: rows.uniqueRows,
    },
    options,
  );
}
