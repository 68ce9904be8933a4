import type { Random } from './random.js';

/** Mean and (population) variance of `count` draws; the sampler tests compare these with the formulas. */
export function sampleMoments(draw: (random: Random) => number, random: Random, count = 200_000): { mean: number; variance: number } {
  // Welford's update keeps the variance accurate without holding the draws.
  let mean = 0;
  let m2 = 0;
  for (let n = 1; n <= count; n++) {
    const x = draw(random);
    const delta = x - mean;
    mean += delta / n;
    m2 += delta * (x - mean);
  }
  return { mean, variance: m2 / count };
}

/** |actual - expected| / |expected|. */
export function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}
