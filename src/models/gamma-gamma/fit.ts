/**
 * @module
 * Maximum-likelihood fit of the Gamma-Gamma spend model.
 */
import { ModelInputError } from '../errors.js';
import { fitLogSpace } from '../optimize/index.js';
import { compressSpend } from './compress.js';
import { checkGammaGammaParams, gammaGammaLogSpace } from './log-likelihood.js';
import type { GammaGammaFit, GammaGammaParams, SpendData } from './types.js';

/** Options for `gammaGammaFit`, as for `bgnbdFit`. */
export interface GammaGammaFitOptions {
  /** lifetimes' penalizer_coef: adds coef * (p^2 + q^2 + gamma^2) to the mean negative log-likelihood. Default 0. */
  readonly penalizer?: number;
  /** Starting values (default p = q = gamma = 1). */
  readonly initialParams?: GammaGammaParams;
  /** Optimizer iterations (default 200). */
  readonly maxIterations?: number;
  /** Converged when every |d(mean -ln L)/d ln theta| <= this (default 1e-6). */
  readonly gradientTolerance?: number;
  /** Throw ConvergenceError when not converged (default true). */
  readonly requireConvergence?: boolean;
}

const NAMES = ['p', 'q', 'gamma'] as const;

/**
 * Fits the Gamma-Gamma model of mean repeat spend (Fader, Hardie and Lee 2005, "RFM and CLV: Using Iso-Value
 * Curves for Customer Base Analysis", JMR 42(4); Fader and Hardie 2013, "The Gamma-Gamma Model of Monetary
 * Value") by maximum likelihood: BFGS on (ln p, ln q, ln gamma) with the analytic gradient, on customers grouped
 * by identical (frequency, monetaryValue). Customers with frequency 0 are skipped. Standard errors come from the
 * Hessian in log space by the delta method, with 95% intervals exp(ln theta +- 1.96 se).
 *
 * The model assumes spend is independent of purchase frequency; check that their correlation is weak first.
 *
 * @param data rows, columns, or the output of `compressSpend`
 * @returns `{ model: 'gamma-gamma', params: { p, q, gamma }, logLikelihood, standardErrors, confidenceIntervals,
 *   converged, iterations, gradientNorm, customers, uniqueRows, penalizer }`
 * @throws {ModelInputError} naming the customer for invalid data, or "gammaGammaFit requires at least one
 *   repeat customer" when every frequency is 0.
 * @throws {ConvergenceError} when the optimizer does not converge, with its report attached.
 * @example gammaGammaFit(cdnowRepeatCustomers).params // { p: 6.25, q: 3.74, gamma: 15.44 } (to two decimals)
 */
export function gammaGammaFit(data: SpendData, options: GammaGammaFitOptions = {}): GammaGammaFit {
  const spend = compressSpend(data, 'gammaGammaFit');
  if (spend.customers === 0) throw new ModelInputError('gammaGammaFit requires at least one repeat customer');
  const penalizer = options.penalizer ?? 0;
  if (!(Number.isFinite(penalizer) && penalizer >= 0)) {
    throw new ModelInputError(`gammaGammaFit requires penalizer to be a finite number >= 0: got ${penalizer}`, { field: 'penalizer' });
  }
  const start = options.initialParams ?? { p: 1, q: 1, gamma: 1 };
  checkGammaGammaParams(start, 'gammaGammaFit');
  const fit = fitLogSpace({
    caller: 'gammaGammaFit',
    names: NAMES,
    start: [start.p, start.q, start.gamma],
    logLikelihood: gammaGammaLogSpace(spend),
    totalWeight: spend.customers,
    penalizer,
    optimizer: { maxIterations: options.maxIterations ?? 200, gradientTolerance: options.gradientTolerance ?? 1e-6 },
    requireConvergence: options.requireConvergence ?? true,
  });
  return freeze({
    model: 'gamma-gamma',
    params: fit.params,
    logLikelihood: fit.logLikelihood,
    standardErrors: fit.standardErrors,
    confidenceIntervals: fit.confidenceIntervals,
    converged: fit.converged,
    iterations: fit.iterations,
    gradientNorm: fit.gradientNorm,
    customers: spend.customers,
    uniqueRows: spend.uniqueRows,
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
