/**
 * Types shared by the optimizer and the model fits.
 *
 * @module
 */

/** A differentiable objective: its value and gradient at x. */
export interface Objective {
  (x: readonly number[]): { value: number; gradient: number[] };
}

/** Options for {@link minimize}. */
export interface MinimizeOptions {
  /** Maximum number of quasi-Newton iterations (default 200). */
  maxIterations?: number;
  /** Converged when the largest absolute gradient component is at most this (default 1e-6). */
  gradientTolerance?: number;
  /**
   * Starting inverse-Hessian approximation (symmetric positive definite), e.g.
   * the inverse of a finite-difference Hessian at x0. Default: a scaled identity.
   */
  initialInverseHessian?: readonly (readonly number[])[];
  /**
   * Largest change of any coordinate in one line-search trial (default: no limit).
   * Keeps a wild quasi-Newton step from probing absurd regions first.
   */
  maxStep?: number;
}

/** The optimizer's report, returned as data whether or not it converged. */
export interface MinimizeResult {
  /** Best point found. */
  x: number[];
  /** Objective value at x. */
  value: number;
  /** Gradient at x. */
  gradient: number[];
  /** Quasi-Newton iterations done. */
  iterations: number;
  /** Largest absolute gradient component at x (infinity norm). */
  gradientNorm: number;
  /** True when gradientNorm <= gradientTolerance. */
  converged: boolean;
  /** Why the optimizer stopped, in plain words. */
  message: string;
  /** Objective evaluations, line searches included. */
  evaluations: number;
}
