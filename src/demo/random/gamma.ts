import { standardNormal } from './normal.js';
import type { Random } from './random.js';

/**
 * Gamma distribution with shape `k` and scale `theta` (mean `k * theta`, variance `k * theta^2`).
 *
 * Marsaglia and Tsang (2000), "A simple method for generating gamma variables", ACM TOMS 26(3).
 * For shape < 1 it uses their boost: Gamma(k) = Gamma(k + 1) * U^(1/k).
 *
 * @throws when shape or scale is not positive
 */
export function gamma(random: Random, shape: number, scale = 1): number {
  if (!(shape > 0) || !(scale > 0)) throw new Error(`gamma requires a positive shape and scale, got ${shape} and ${scale}`);
  if (shape < 1) {
    const boost = Math.pow(1 - random.next(), 1 / shape);
    return gamma(random, shape + 1, scale) * boost;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random.next();
    const xx = x * x;
    // The squeeze accepts about 98% of draws without a logarithm.
    if (u < 1 - 0.0331 * xx * xx) return d * v * scale;
    if (Math.log(u) < 0.5 * xx + d * (1 - v + Math.log(v))) return d * v * scale;
  }
}
