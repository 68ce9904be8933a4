import { exprel } from '../special/exprel.js';
import { hyp2f1 } from '../special/hyp2f1.js';

/**
 * The hypergeometric factor of the beta-geometric/NBD expectations
 * (Fader, Hardie & Lee 2005, eq. 9 and the numerator of eq. 10):
 *
 *   E(r, α, a, b', x, T, t) = (a+b'+x-1)/(a-1) · [1 - ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b'+x; a+b'+x-1; z)],
 *   z = t/(α+T+t).
 *
 * Computed in a form that stays finite and accurate for large x and for a near 1:
 * Euler's transformation ₂F₁(A,B;C;z) = (1-z)^(C-A-B) ₂F₁(C-A, C-B; C; z) gives
 *   (1-z)^(r+x) ₂F₁(r+x, b'+x; C; z) = (1-z)^ε ₂F₁(a+b'-1-r, ε; C; z),  ε = a - 1, C = a+b'+x-1,
 * so no power of (1-z) grows with x. Writing ₂F₁(A, ε; C; z) = 1 + (ε/C) S(z) removes the
 * 0/0 at a = 1 and the pole at C = 0 (BG/NBD with a + b = 1, x = 0):
 *   E = -C·L·exprel(εL) - (1-z)^ε S(z),  L = ln(1-z),  S = Σₙ≥₁ (A)ₙ (ε+1)ₙ₋₁ / ((C+1)ₙ₋₁ n!) zⁿ.
 * For z > 0.75 the series converges slowly and ₂F₁ is evaluated by hyp2f1's
 * transformations instead, except near a = 1 or C = 0 where that form loses
 * digits: there the series is summed up to z = 0.9999, and beyond (horizons over
 * 10⁴ times α+T) the value is interpolated linearly across the singular point
 * (error about 1e-8 relative near a = 1, 1e-6 near C = 0).
 *
 * @returns a non-negative finite number (0 when t = 0)
 */
export function expectedRepeatFactor(
  r: number,
  alpha: number,
  a: number,
  bPrime: number,
  x: number,
  T: number,
  t: number,
): number {
  if (t === 0) return 0;
  const z = t / (alpha + T + t);
  const eps = a - 1;
  const A = a + bPrime - 1 - r;
  const C = a + bPrime + x - 1;
  const nearSingular = Math.abs(eps) < 1e-4 || Math.abs(C) < 1e-3;
  const logOneMinusZ = -Math.log1p(t / (alpha + T));
  if (eps * -logOneMinusZ > 30 && z <= 0.9) {
    // Large a (everyone shares nearly one drop-out probability, a/(a+b), as fits on such data give):
    // (1-z)^ε underflows while S overflows, so the transformed form is 0·∞. The untransformed series
    // is well-behaved here, its terms shrinking by about (b'+x)/C · z < z each step.
    const direct = (C / eps) * (1 - Math.exp((r + x) * logOneMinusZ) * hyp2f1(r + x, bPrime + x, C, z));
    if (Number.isFinite(direct)) return Math.max(0, direct);
  }
  const power = Math.exp(eps * logOneMinusZ);
  if (z <= 0.75 || (nearSingular && z <= 0.9999)) {
    // The series form has no singularity at a = 1 or C = 0.
    return Math.max(0, -C * logOneMinusZ * exprel(eps * logOneMinusZ) - power * seriesS(A, eps, C, z));
  }
  if (Math.abs(eps) < 1e-4) {
    // Horizons beyond 10⁴(α+T): bridge a = 1 linearly between a = 1 ± 2e-4 (outside this branch).
    const lo = expectedRepeatFactor(r, alpha, 1 - 2e-4, bPrime, x, T, t);
    const hi = expectedRepeatFactor(r, alpha, 1 + 2e-4, bPrime, x, T, t);
    return Math.max(0, lo + ((a - (1 - 2e-4)) / 4e-4) * (hi - lo));
  }
  if (Math.abs(C) < 1e-3) {
    // Same for C = 0, moving b' so that C = ±2e-3.
    const lo = expectedRepeatFactor(r, alpha, a, bPrime - C - 2e-3, x, T, t);
    const hi = expectedRepeatFactor(r, alpha, a, bPrime - C + 2e-3, x, T, t);
    return Math.max(0, (lo + hi) / 2 + (C / 4e-3) * (hi - lo));
  }
  return Math.max(0, (C * (1 - power * hyp2f1(A, eps, C, z))) / eps);
}

/**
 * S = C(₂F₁(A, ε; C; z) - 1)/ε = Σₙ≥₁ (A)ₙ (ε+1)ₙ₋₁ / ((C+1)ₙ₋₁ n!) zⁿ for C > -1, summed
 * until the terms (whose ratios tend to z) are negligible: a few hundred terms at
 * z = 0.9, about 4·10⁵ at z = 0.9999.
 */
function seriesS(A: number, eps: number, C: number, z: number): number {
  let term = A * z;
  let sum = term;
  for (let n = 1; n < 2_000_000; n++) {
    term *= (((A + n) * (eps + n)) / ((C + n) * (n + 1))) * z;
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum) * (1 - z) || term === 0) break;
  }
  return sum;
}
