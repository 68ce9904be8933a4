import type { RfmSample } from '../data/sample.js';
import { betaVariate, createRandom, exponentialVariate, gammaVariate } from '../data/random.js';
import type { BgNbdParams } from './params.js';

/**
 * Simulates the beta-geometric/NBD family: per customer λ ~ gamma(r, α),
 * p ~ beta(a, b); purchases follow a Poisson process with rate λ over (0, T];
 * after each repeat purchase (k = 1: and right after the first) the customer
 * drops out with probability p. Returns the sufficient statistics.
 */
export function familySimulate(
  p: BgNbdParams,
  observation: ArrayLike<number>,
  k: 0 | 1,
  seed: number,
  resolution: number | undefined,
): RfmSample {
  const random = createRandom(seed);
  const n = observation.length;
  const frequency = new Float64Array(n);
  const recency = new Float64Array(n);
  const T = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const age = observation[i] as number;
    const lambda = gammaVariate(random, p.r, p.alpha);
    const dropout = betaVariate(random, p.a, p.b);
    let x = 0;
    let last = 0;
    let alive = k === 0 || random() >= dropout;
    let clock = 0;
    while (alive) {
      clock += exponentialVariate(random, lambda);
      if (clock > age) break;
      x++;
      last = clock;
      alive = random() >= dropout;
    }
    const roundedT = resolution === undefined ? age : Math.round(age / resolution) * resolution;
    frequency[i] = x;
    T[i] = roundedT;
    recency[i] = resolution === undefined ? last : Math.min(roundedT, Math.round(last / resolution) * resolution);
  }
  return { frequency, recency, T };
}
