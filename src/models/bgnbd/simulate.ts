import type { RfmSample, SimulateOptions } from '../data/sample.js';
import { familySimulate } from './family-simulate.js';
import type { BgNbdParams } from './params.js';

/**
 * Simulates BG/NBD customers (the story of Fader, Hardie & Lee 2005, section 3):
 * per customer λ ~ gamma(r, α) and p ~ beta(a, b); while active, purchases
 * arrive as a Poisson process with rate λ; after each repeat purchase the
 * customer becomes inactive with probability p. Each customer is observed for
 * T time units after the first purchase.
 *
 * @param params r, alpha, a, b
 * @param observation T for each customer
 * @param options seed (default 1), resolution for rounding T and recency (e.g. 1/7 for days in weeks)
 * @returns columns frequency, recency, T, one entry per customer; deterministic for a seed
 * @throws {ModelInputError} for non-positive parameters, a negative T, or a non-positive resolution
 */
export function bgnbdSimulate(params: BgNbdParams, observation: ArrayLike<number>, options: SimulateOptions = {}): RfmSample {
  return familySimulate(params, observation, options, 0, 'bgnbdSimulate');
}
