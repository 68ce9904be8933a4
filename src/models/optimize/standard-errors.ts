import { invertSymmetric } from './invert-symmetric.js';

/** Natural-scale estimates with delta-method standard errors and 95% intervals; null where unavailable. */
export interface NaturalScaleSummary {
  estimates: number[];
  /** se(θ) = θ · se(ln θ). */
  standardErrors: Array<number | null>;
  /** exp(ln θ - 1.96 se(ln θ)). */
  lower: Array<number | null>;
  /** exp(ln θ + 1.96 se(ln θ)). */
  upper: Array<number | null>;
}

/** The 0.975 quantile of the standard normal (≈ 1.96). */
const Z_975 = 1.959963984540054;

/**
 * Standard errors and 95% confidence intervals on the natural scale from a
 * fit done in log-parameter space.
 *
 * The inverse Hessian of the negative log-likelihood in ln θ is the
 * asymptotic covariance of ln θ̂. By the delta method se(θ̂) = θ̂ · se(ln θ̂);
 * intervals are exp(ln θ̂ ± 1.96 se(ln θ̂)), which stay positive.
 *
 * @param logParams ln θ̂
 * @param hessian Hessian of the total (not mean) negative log-likelihood in ln θ
 * @returns estimates θ̂ with se and interval bounds; null for a parameter whose
 *   variance is not positive (Hessian not positive definite), all null when
 *   the Hessian is singular
 */
export function standardErrorsFromLogHessian(logParams: readonly number[], hessian: number[][]): NaturalScaleSummary {
  const estimates = logParams.map(Math.exp);
  const none = logParams.map(() => null);
  let covariance: number[][];
  try {
    covariance = invertSymmetric(hessian);
  } catch {
    return { estimates, standardErrors: none, lower: none, upper: none };
  }
  const seLog = logParams.map((_, i) => {
    const v = covariance[i]?.[i] as number;
    return v > 0 && Number.isFinite(v) ? Math.sqrt(v) : null;
  });
  return {
    estimates,
    standardErrors: seLog.map((s, i) => (s === null ? null : (estimates[i] as number) * s)),
    lower: seLog.map((s, i) => (s === null ? null : Math.exp((logParams[i] as number) - Z_975 * s))),
    upper: seLog.map((s, i) => (s === null ? null : Math.exp((logParams[i] as number) + Z_975 * s))),
  };
}
