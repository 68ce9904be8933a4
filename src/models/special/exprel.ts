/**
 * Relative exponential: (e^x - 1) / x, equal to 1 at x = 0.
 *
 * Removes the 0/0 in expressions such as [1 - (β/(β+t))^(s-1)] / (s - 1)
 * (Pareto/NBD expectations at s = 1) or [1 - (1-z)^(a-1)] / (a - 1)
 * (BG/NBD at a = 1). Named after scipy.special.exprel.
 *
 * @param x real number
 * @returns expm1(x) / x, by its Taylor series 1 + x/2 + x²/6 + x³/24 when |x| < 1e-5
 * @example exprel(0) // 1
 */
export function exprel(x: number): number {
  if (Math.abs(x) < 1e-5) return 1 + x * (0.5 + x * (1 / 6 + x / 24));
  return Math.expm1(x) / x;
}
