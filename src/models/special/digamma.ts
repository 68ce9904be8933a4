/**
 * Digamma: ψ(x) = d/dx ln Γ(x).
 *
 * Needed for analytic gradients of log-likelihoods with ln Γ terms
 * (d/dr ln Γ(r + x) = ψ(r + x)).
 *
 * Technique: the recurrence ψ(x) = ψ(x + 1) - 1/x lifts x to at least 10,
 * where the asymptotic series ln x - 1/(2x) - Σ B₂ₖ / (2k x^(2k)) (terms to
 * x^-14) is below 1e-16; negative x use the reflection
 * ψ(1 - x) - ψ(x) = π cot(πx).
 *
 * @param x real number
 * @returns ψ(x); NaN at the poles x = 0, -1, -2, ...
 * @example digamma(1) // -0.5772156649015329 (minus the Euler–Mascheroni constant)
 */
export function digamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0) {
    if (x === Math.floor(x)) return NaN; // pole
    // Reflection; x mod 1 keeps tan(πx) accurate for large negative x.
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * (x % 1));
  }
  let shift = 0;
  while (x < 10) {
    shift += 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  const series =
    inv2 *
    (1 / 12 -
      inv2 *
        (1 / 120 -
          inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760 - inv2 / 12))))));
  return Math.log(x) - 0.5 / x - series - shift;
}
