import { strongWolfeSearch, type LinePoint } from './line-search.js';
import type { MinimizeOptions, MinimizeResult, Objective } from './types.js';

/**
 * Unconstrained minimiser: BFGS quasi-Newton with a strong-Wolfe line search.
 *
 * The model fits call it on log-parameters, so positivity needs no bounds.
 * Technique: Nocedal & Wright (2006), Algorithm 6.1, with the inverse Hessian
 * scaled by sᵀy/yᵀy before the first update (their eq. 6.20), updates skipped
 * when the curvature sᵀy is not positive, and one restart from the scaled
 * identity when a line search fails. Never throws for a bad objective: the
 * report says what happened (`converged`, `message`), so a caller can raise
 * its own error with the report attached.
 *
 * @param objective returns value and gradient; may return non-finite values away from the start
 * @param x0 starting point, where the objective must be finite
 * @param options maxIterations (200), gradientTolerance on the infinity norm (1e-6),
 *   initialInverseHessian (default: identity, rescaled after the first step), maxStep (no limit)
 * @returns the optimizer's report
 * @example minimize((x) => ({ value: (x[0]! - 3) ** 2, gradient: [2 * (x[0]! - 3)] }), [0]).x // [3]
 */
export function minimize(objective: Objective, x0: readonly number[], options: MinimizeOptions = {}): MinimizeResult {
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.gradientTolerance ?? 1e-6;
  const maxStep = options.maxStep ?? Infinity;
  const n = x0.length;
  let evaluations = 0;
  const evaluate = (x: readonly number[]) => {
    evaluations++;
    const r = objective(x);
    return { value: r.value, gradient: r.gradient.slice() };
  };

  let x = x0.slice();
  let { value, gradient } = evaluate(x);
  const report = (iterations: number, converged: boolean, message: string): MinimizeResult => ({
    x,
    value,
    gradient,
    iterations,
    gradientNorm: infinityNorm(gradient),
    converged,
    message,
    evaluations,
  });
  if (!Number.isFinite(value) || !gradient.every(Number.isFinite)) {
    return report(0, false, 'objective or gradient is not finite at the starting point');
  }

  const given = options.initialInverseHessian;
  let inverseHessian = given ? given.map((row) => row.slice()) : identity(n, 1);
  let freshStart = given === undefined; // inverse Hessian is a (scaled) identity
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (infinityNorm(gradient) <= tolerance) return report(iteration, true, 'gradient norm below tolerance');

    let direction = matVec(inverseHessian, gradient).map((v) => -v);
    let slope = dot(direction, gradient);
    if (!(slope < 0)) {
      inverseHessian = identity(n, 1);
      freshStart = true;
      direction = gradient.map((v) => -v);
      slope = dot(direction, gradient);
    }

    // Every evaluated point is kept so that the accepted one's gradient is at hand.
    const seen = new Map<number, { x: number[]; gradient: number[] }>();
    const phi = (alpha: number): LinePoint => {
      const point = x.map((xi, i) => xi + alpha * (direction[i] as number));
      const r = evaluate(point);
      seen.set(alpha, { x: point, gradient: r.gradient });
      return { alpha, value: r.value, slope: dot(r.gradient, direction) };
    };
    // A first step of at most unit length in the largest coordinate, until curvature is known,
    // and never more than maxStep in any coordinate.
    const longest = infinityNorm(direction);
    const initialStep = Math.min(freshStart ? Math.min(1, 1 / longest) : 1, maxStep / longest);
    const accepted = strongWolfeSearch(phi, { alpha: 0, value, slope }, initialStep, { maxAlpha: maxStep / longest });
    if (accepted === null || accepted.value >= value) {
      if (!freshStart) {
        inverseHessian = identity(n, 1);
        freshStart = true;
        continue;
      }
      return report(iteration, false, 'line search found no lower value (precision limit or non-finite objective)');
    }
    const next = seen.get(accepted.alpha);
    if (next === undefined) throw new Error('minimize: accepted step was never evaluated');

    const s = next.x.map((v, i) => v - (x[i] as number));
    const y = next.gradient.map((v, i) => v - (gradient[i] as number));
    x = next.x;
    value = accepted.value;
    gradient = next.gradient;

    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (freshStart) inverseHessian = identity(n, sy / dot(y, y));
      inverseHessian = bfgsUpdate(inverseHessian, s, y, sy);
      freshStart = false;
    }
  }
  const converged = infinityNorm(gradient) <= tolerance;
  return report(maxIterations, converged, converged ? 'gradient norm below tolerance' : 'maximum iterations reached');
}

/** H ← (I - ρ s yᵀ) H (I - ρ y sᵀ) + ρ s sᵀ with ρ = 1/(sᵀy). */
function bfgsUpdate(h: number[][], s: number[], y: number[], sy: number): number[][] {
  const n = s.length;
  const rho = 1 / sy;
  const hy = matVec(h, y);
  const yhy = dot(y, hy);
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) {
      const si = s[i] as number;
      const sj = s[j] as number;
      row.push(
        (h[i]?.[j] as number) -
          rho * ((hy[i] as number) * sj + si * (hy[j] as number)) +
          (rho * rho * yhy + rho) * si * sj,
      );
    }
    out.push(row);
  }
  return out;
}

function identity(n: number, scale: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? scale : 0)));
}

function matVec(m: number[][], v: readonly number[]): number[] {
  return m.map((row) => dot(row, v));
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

function infinityNorm(v: readonly number[]): number {
  let max = 0;
  for (const x of v) max = Math.max(max, Math.abs(x));
  return Number.isNaN(v.reduce((acc, x) => acc + x, 0)) ? NaN : max;
}
