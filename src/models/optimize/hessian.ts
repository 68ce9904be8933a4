import type { Objective } from './types.js';

/**
 * Hessian by central differences of a scalar function:
 * Hᵢᵢ = (f(x+hᵢ) - 2f(x) + f(x-hᵢ))/hᵢ², Hᵢⱼ = (f(++) - f(+-) - f(-+) + f(--))/(4hᵢhⱼ),
 * with hᵢ = 1e-4 · max(1, |xᵢ|) (about ε^(1/4), which balances truncation and rounding).
 *
 * For standard errors of a fit; where an analytic gradient exists,
 * {@link hessianFromGradient} is more accurate.
 *
 * @param f scalar function
 * @param x point
 * @returns symmetric matrix of second derivatives
 */
export function numericHessian(f: (x: readonly number[]) => number, x: readonly number[]): number[][] {
  const n = x.length;
  const h = x.map((v) => 1e-4 * Math.max(1, Math.abs(v)));
  const at = (di: number, si: number, dj: number, sj: number) => {
    const p = x.slice();
    p[di] = (p[di] as number) + si * (h[di] as number);
    p[dj] = (p[dj] as number) + sj * (h[dj] as number);
    return f(p);
  };
  const f0 = f(x);
  const out = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const hi = h[i] as number;
    const p = x.slice();
    p[i] = (x[i] as number) + hi;
    const fPlus = f(p);
    p[i] = (x[i] as number) - hi;
    const fMinus = f(p);
    (out[i] as number[])[i] = (fPlus - 2 * f0 + fMinus) / (hi * hi);
    for (let j = 0; j < i; j++) {
      const v = (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * hi * (h[j] as number));
      (out[i] as number[])[j] = v;
      (out[j] as number[])[i] = v;
    }
  }
  return out;
}

/**
 * Hessian by central differences of an analytic gradient, symmetrised:
 * Hᵢⱼ = (∂ᵢf(x + hⱼeⱼ) - ∂ᵢf(x - hⱼeⱼ)) / (2hⱼ), hⱼ = 1e-5 · max(1, |xⱼ|).
 * Error is about 1e-10 relative, against 1e-7 for {@link numericHessian}.
 *
 * @param objective value-and-gradient function
 * @param x point
 */
export function hessianFromGradient(objective: Objective, x: readonly number[]): number[][] {
  const n = x.length;
  const columns: number[][] = [];
  for (let j = 0; j < n; j++) {
    const h = 1e-5 * Math.max(1, Math.abs(x[j] as number));
    const p = x.slice();
    p[j] = (x[j] as number) + h;
    const gPlus = objective(p).gradient;
    p[j] = (x[j] as number) - h;
    const gMinus = objective(p).gradient;
    columns.push(gPlus.map((v, i) => (v - (gMinus[i] as number)) / (2 * h)));
  }
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => ((columns[j]?.[i] as number) + (columns[i]?.[j] as number)) / 2),
  );
}
