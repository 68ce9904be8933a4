import { ConvergenceError } from '../errors.js';
import { hessianFromGradient } from './hessian.js';
import { invertPositiveDefinite } from './invert-symmetric.js';
import { minimize } from './minimize.js';
import { standardErrorsFromLogHessian } from './standard-errors.js';
import type { MinimizeOptions, MinimizeResult, Objective } from './types.js';

/** What a maximum-likelihood fit in log-parameter space needs from a model. */
export interface LogSpaceFitSpec<Name extends string> {
  /** Function name for error messages, e.g. "bgnbdFit". */
  caller: string;
  /** Parameter names, in the order of the log-parameter vector. */
  names: readonly Name[];
  /** Natural-scale starting values (all > 0). */
  start: readonly number[];
  /** Total (weighted) log-likelihood and its gradient with respect to ln θ. */
  logLikelihood: Objective;
  /** Sum of customer weights; the objective is the mean, so tolerances do not depend on it. */
  totalWeight: number;
  /** L2 penalty coefficient, lifetimes' `penalizer_coef`: adds coef · Σθ² to the mean negative log-likelihood. */
  penalizer?: number;
  /** Optimizer options. */
  optimizer?: MinimizeOptions;
  /** Throw a ConvergenceError when the optimizer does not converge (default true). */
  requireConvergence?: boolean;
}

/** A fit's estimates and diagnostics, plain data. */
export interface LogSpaceFit<Name extends string> {
  params: Record<Name, number>;
  /** Unpenalised total log-likelihood at the estimates. */
  logLikelihood: number;
  /** Delta-method standard errors (null where the Hessian gives none). */
  standardErrors: Record<Name, number | null>;
  /** 95% intervals exp(ln θ ± 1.96 se(ln θ)) (null where the Hessian gives none). */
  confidenceIntervals: Record<Name, [number, number] | null>;
  converged: boolean;
  iterations: number;
  gradientNorm: number;
  message: string;
}

/**
 * Maximum-likelihood estimation in log-parameter space: minimises the mean
 * negative log-likelihood (plus lifetimes' L2 penalty) with BFGS, then derives
 * standard errors from the Hessian of the total penalised objective in ln θ.
 *
 * @throws {ConvergenceError} when the optimum is not finite, or the optimizer
 *   did not converge and requireConvergence is not false; it carries the optimizer report
 */
export function fitLogSpace<Name extends string>(spec: LogSpaceFitSpec<Name>): LogSpaceFit<Name> {
  const penalizer = spec.penalizer ?? 0;
  const w = spec.totalWeight;
  const objective: Objective = (logParams) => {
    // Parameters beyond e^±30 are outside any sensible model; reporting them as
    // non-finite makes the line search back off without evaluating there.
    if (logParams.some((lp) => Math.abs(lp) > 30)) {
      return { value: Infinity, gradient: logParams.map(() => NaN) };
    }
    const ll = spec.logLikelihood(logParams);
    let value = -ll.value / w;
    const gradient = ll.gradient.map((g) => -g / w);
    if (penalizer > 0) {
      logParams.forEach((lp, i) => {
        const theta = Math.exp(lp);
        value += penalizer * theta * theta;
        gradient[i] = (gradient[i] as number) + 2 * penalizer * theta * theta; // d θ²/d ln θ = 2θ²
      });
    }
    return { value, gradient };
  };
  const x0 = spec.start.map(Math.log);
  // BFGS needs many iterations to learn the strong correlations between these
  // models' log-parameters (s and β in Pareto/NBD); starting from the
  // finite-difference Hessian, when it is positive definite, saves about a third
  // of the objective evaluations.
  const initialInverseHessian = invertPositiveDefinite(hessianFromGradient(objective, x0));
  const result: MinimizeResult = minimize(objective, x0, {
    maxStep: 3, // at most a factor e³ ≈ 20 per parameter per trial step
    ...spec.optimizer,
    ...(initialInverseHessian === null ? {} : { initialInverseHessian }),
  });
  const finite = Number.isFinite(result.value) && result.x.every(Number.isFinite);
  if (!finite || (!result.converged && spec.requireConvergence !== false)) {
    throw new ConvergenceError(`${spec.caller} did not converge: ${result.message}`, result);
  }

  const hessian = hessianFromGradient(objective, result.x).map((row) => row.map((v) => v * w));
  const summary = standardErrorsFromLogHessian(result.x, hessian);
  const record = <T>(values: readonly T[]) =>
    Object.fromEntries(spec.names.map((name, i) => [name, values[i] as T])) as Record<Name, T>;
  return {
    params: record(summary.estimates),
    logLikelihood: spec.logLikelihood(result.x).value,
    standardErrors: record(summary.standardErrors),
    confidenceIntervals: record(
      summary.lower.map((lo, i) => {
        const hi = summary.upper[i];
        return lo === null || hi === null || hi === undefined ? null : ([lo, hi] as [number, number]);
      }),
    ),
    converged: result.converged,
    iterations: result.iterations,
    gradientNorm: result.gradientNorm,
    message: result.message,
  };
}
