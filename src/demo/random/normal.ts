import type { Random } from './random.js';

/**
 * Standard normal variate by the Marsaglia polar method.
 *
 * It draws pairs until one falls inside the unit circle (about 1.27 tries) and keeps one of the two
 * values it could return: holding the other would make the draw sequence depend on call history.
 */
export function standardNormal(random: Random): number {
  for (;;) {
    const u = 2 * random.next() - 1;
    const v = 2 * random.next() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/** Normal variate with the given mean and standard deviation. */
export function normal(random: Random, mean: number, sd: number): number {
  return mean + sd * standardNormal(random);
}
