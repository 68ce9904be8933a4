/**
 * Strong-Wolfe line search (Nocedal & Wright, Numerical Optimization, 2nd ed.,
 * Algorithms 3.5 and 3.6): bracket a step, then zoom with safeguarded cubic
 * interpolation. A step where the objective is not finite (NaN, Infinity, or
 * an exception-free overflow) is treated as too long, so the search backs off
 * instead of failing.
 *
 * @module
 */

/** The objective restricted to the search line: value and directional derivative at step alpha. */
export interface LinePoint {
  alpha: number;
  value: number;
  /** Directional derivative gradient · direction at this step. */
  slope: number;
}

export interface LineSearchOptions {
  /** Sufficient-decrease constant (default 1e-4). */
  c1?: number;
  /** Curvature constant (default 0.9, the usual choice for quasi-Newton). */
  c2?: number;
  /** Maximum evaluations (default 40). */
  maxEvaluations?: number;
  /** Largest step tried (default Infinity); at this cap a point with sufficient decrease is accepted. */
  maxAlpha?: number;
}

/**
 * Finds a step satisfying the strong Wolfe conditions, or failing that the
 * best step with sufficient decrease.
 *
 * @param phi evaluates the objective along the line; may return non-finite values
 * @param start value and slope at alpha = 0 (slope must be negative)
 * @param initialStep first trial step
 * @returns the accepted point, or null when no step decreased the objective
 */
export function strongWolfeSearch(
  phi: (alpha: number) => LinePoint,
  start: LinePoint,
  initialStep: number,
  options: LineSearchOptions = {},
): LinePoint | null {
  const c1 = options.c1 ?? 1e-4;
  const c2 = options.c2 ?? 0.9;
  let budget = options.maxEvaluations ?? 40;
  const maxAlpha = options.maxAlpha ?? Infinity;
  const armijo = (p: LinePoint) => p.value <= start.value + c1 * p.alpha * start.slope;
  const curvature = (p: LinePoint) => Math.abs(p.slope) <= -c2 * start.slope;
  const finite = (p: LinePoint) => Number.isFinite(p.value) && Number.isFinite(p.slope);

  let best: LinePoint | null = null;
  const consider = (p: LinePoint) => {
    if (finite(p) && armijo(p) && (best === null || p.value < best.value)) best = p;
  };

  let previous = start;
  let alpha = Math.min(initialStep, maxAlpha);
  let upper = Infinity; // smallest step known to be non-finite
  for (let i = 0; budget > 0; i++) {
    const p = phi(alpha);
    budget--;
    if (!finite(p)) {
      // Too far: back off toward the last good step.
      upper = alpha;
      alpha = previous.alpha + 0.25 * (alpha - previous.alpha);
      continue;
    }
    consider(p);
    if (!armijo(p) || (i > 0 && p.value >= previous.value)) {
      return zoom(previous, p) ?? best;
    }
    if (curvature(p)) return p;
    if (p.slope >= 0) return zoom(p, previous) ?? best;
    if (alpha >= maxAlpha) return p; // still descending at the largest step allowed
    previous = p;
    alpha = Math.min(maxAlpha, Number.isFinite(upper) ? (alpha + upper) / 2 : 2 * alpha);
  }
  return best;

  function zoom(lo: LinePoint, hi: LinePoint): LinePoint | null {
    while (budget > 0) {
      const width = hi.alpha - lo.alpha;
      if (Math.abs(width) <= 1e-16 * Math.max(1, Math.abs(lo.alpha))) return null;
      // Safeguarded cubic interpolation: keep the trial inside the middle 80% of the bracket.
      let trial = cubicMinimizer(lo, hi);
      const left = Math.min(lo.alpha, hi.alpha) + 0.1 * Math.abs(width);
      const right = Math.max(lo.alpha, hi.alpha) - 0.1 * Math.abs(width);
      if (!Number.isFinite(trial) || trial < left || trial > right) trial = lo.alpha + width / 2;
      const p = phi(trial);
      budget--;
      if (!finite(p) || !armijo(p) || p.value >= lo.value) {
        // A non-finite hi has no usable slope, so the next trial bisects.
        hi = finite(p) ? p : { alpha: trial, value: Infinity, slope: NaN };
        continue;
      }
      consider(p);
      if (curvature(p)) return p;
      if (p.slope * (hi.alpha - lo.alpha) >= 0) hi = lo;
      lo = p;
    }
    return null;
  }
}

/** Minimizer of the cubic matching values and slopes at both ends (N&W eq. 3.59); NaN if none. */
function cubicMinimizer(p: LinePoint, q: LinePoint): number {
  if (!Number.isFinite(q.value) || !Number.isFinite(q.slope)) return NaN;
  const d1 = p.slope + q.slope - (3 * (p.value - q.value)) / (p.alpha - q.alpha);
  const radicand = d1 * d1 - p.slope * q.slope;
  if (radicand < 0) return NaN;
  const d2 = Math.sign(q.alpha - p.alpha) * Math.sqrt(radicand);
  return q.alpha - (q.alpha - p.alpha) * ((q.slope + d2 - d1) / (q.slope - p.slope + 2 * d2));
}
