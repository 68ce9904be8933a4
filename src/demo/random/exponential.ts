import type { Random } from './random.js';

/**
 * Exponential distribution with the given rate (mean `1 / rate`), by inversion.
 *
 * Uses `1 - u` so that the logarithm never sees 0: `next()` can return 0 but never 1.
 */
export function exponential(random: Random, rate: number): number {
  return -Math.log(1 - random.next()) / rate;
}
