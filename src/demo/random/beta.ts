import { gamma } from './gamma.js';
import type { Random } from './random.js';

/**
 * Beta distribution with shapes `a` and `b` (mean `a / (a + b)`), as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
 *
 * @throws when a shape is not positive
 */
export function beta(random: Random, a: number, b: number): number {
  const x = gamma(random, a);
  const y = gamma(random, b);
  // Both can underflow to 0 for tiny shapes; the mean is the least surprising answer then.
  const sum = x + y;
  return sum > 0 ? x / sum : a / (a + b);
}
