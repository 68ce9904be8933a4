/**
 * @module
 * The steps every model's fit shares once its data are checked and compressed: validate the options, run
 * `fitLogSpace`, and hand the result out as a frozen `ModelFit`.
 */
import { deepFreeze } from './deep-freeze.js';
import { ModelInputError } from './errors.js';
import type { FitOptions } from './fit-options.js';
import type { ModelFit } from './fit-result.js';
import { fitLogSpace } from './optimize/fit-log-space.js';
import type { Objective } from './optimize/types.js';

/** What a model brings to {@link maximumLikelihoodFit}: its name, parameters and likelihood on checked data. */
export interface ModelFitSpec<Model extends string, Name extends string> {
  /** Function name for error messages, e.g. "bgbbFit". */
  readonly caller: string;
  /** The `model` field of the result. */
  readonly model: Model;
  /** Parameter names, in the order of the log-parameter vector the likelihood takes. */
  readonly names: readonly Name[];
  /** Starting values when the options give none (called only then). */
  readonly defaultStart: () => Readonly<Record<Name, number>>;
  /** Throws a ModelInputError, naming `caller`, for starting values outside the model's domain. */
  readonly checkParams: (params: Readonly<Record<Name, number>>, caller: string) => void;
  /** Total (weighted) log-likelihood of the data and its gradient with respect to the log parameters. */
  readonly logLikelihood: Objective;
  /** Total customer weight: the `customers` of the result, and what the objective is averaged over. */
  readonly customers: number;
  /** The `uniqueRows` of the result. */
  readonly uniqueRows: number;
}

/**
 * Fits a model by maximum likelihood in log-parameter space (BFGS, with delta-method standard errors and 95%
 * intervals from the Hessian; see `fitLogSpace`) and returns the result as frozen plain data.
 *
 * Checks, in this order: the penalizer, then the starting values. The caller checks its data before.
 *
 * @throws {ModelInputError} "CALLER requires penalizer to be a finite number >= 0: got -1", or from `checkParams`
 * @throws {ConvergenceError} when the optimizer does not converge and `requireConvergence` is not false
 */
export function maximumLikelihoodFit<Model extends string, Name extends string>(
  spec: ModelFitSpec<Model, Name>,
  options: FitOptions<Readonly<Record<Name, number>>>,
): ModelFit<Model, Readonly<Record<Name, number>>> {
  const { caller } = spec;
  const penalizer = options.penalizer ?? 0;
  if (!(Number.isFinite(penalizer) && penalizer >= 0)) {
    throw new ModelInputError(`${caller} requires penalizer to be a finite number >= 0: got ${penalizer}`, { field: 'penalizer' });
  }
  const start = options.initialParams ?? spec.defaultStart();
  spec.checkParams(start, caller);
  const fit = fitLogSpace({
    caller,
    names: spec.names,
    start: spec.names.map((name) => start[name]),
    logLikelihood: spec.logLikelihood,
    totalWeight: spec.customers,
    penalizer,
    optimizer: { maxIterations: options.maxIterations ?? 200, gradientTolerance: options.gradientTolerance ?? 1e-6 },
    requireConvergence: options.requireConvergence ?? true,
  });
  return deepFreeze({
    model: spec.model,
    params: fit.params,
    logLikelihood: fit.logLikelihood,
    standardErrors: fit.standardErrors,
    confidenceIntervals: fit.confidenceIntervals,
    converged: fit.converged,
    iterations: fit.iterations,
    gradientNorm: fit.gradientNorm,
    customers: spec.customers,
    uniqueRows: spec.uniqueRows,
    penalizer,
  });
}
