/**
 * sin(πx) with the argument reduced exactly first, so that sinPi(n) is 0 for
 * every integer n and large |x| keep their precision (Math.sin(Math.PI * x)
 * would multiply the rounding error of π by x).
 *
 * @param x any finite number
 * @returns sin(πx)
 */
export function sinPi(x: number): number {
  // x mod 2 is exact in binary floating point.
  let y = x % 2;
  if (y < 0) y += 2;
  // Fold into [-1/2, 1/2] using sin(π(1 - y)) = sin(πy) and sin(π(y - 2)) = sin(πy).
  if (y > 1.5) return Math.sin(Math.PI * (y - 2));
  if (y > 0.5) return Math.sin(Math.PI * (1 - y));
  return Math.sin(Math.PI * y);
}
