import { familySimulate } from '../bgnbd/family-simulate.js';
import type { BgNbdParams } from '../bgnbd/params.js';
import type { RfmSample, SimulateOptions } from '../data/sample.js';

/**
 * Simulates MBG/NBD customers: as BG/NBD (λ ~ gamma(r, α), p ~ beta(a, b),
 * Poisson purchases while active), except that the customer may drop out
 * with probability p right after the first purchase too (Batislam et al. 2007).
 *
 * @param params r, alpha, a, b
 * @param observation T for each customer
 * @param options seed (default 1), resolution for rounding T and recency
 * @returns columns frequency, recency, T; deterministic for a seed
 * @throws {ModelInputError} for non-positive parameters, a negative T, or a non-positive resolution
 */
export function mbgnbdSimulate(params: BgNbdParams, observation: ArrayLike<number>, options: SimulateOptions = {}): RfmSample {
  return familySimulate(params, observation, options, 1, 'mbgnbdSimulate');
}
