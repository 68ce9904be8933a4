/**
 * @module
 * Simulation from the Gamma-Gamma spend model.
 */
import { ModelInputError } from '../errors.js';
import { createRandom, gammaVariate, logGammaVariate } from '../data/index.js';
import { checkGammaGammaParams } from './log-likelihood.js';
import type { GammaGammaParams } from './types.js';

/**
 * Simulates each customer's mean repeat-transaction value under the Gamma-Gamma model (Fader, Hardie and Lee
 * 2005): the customer's rate nu ~ Gamma(q, rate gamma), and the mean of x transaction values each
 * Gamma(p, rate nu) is Gamma(p x, rate x nu). Customers with frequency 0 get 0 (no repeat spend), as in the
 * CDNOW summary's zbar column. Seeded: the same seed gives the same values.
 *
 * @param frequency repeat transactions per customer (x)
 * @returns one mean repeat spend per customer
 * @throws {ModelInputError} naming the customer's index for a frequency that is not a non-negative integer.
 * @example simulateGammaGamma({ p: 6.25, q: 3.74, gamma: 15.44 }, [0, 3], 42) // Float64Array [0, 11.219...] (seeded, the same on every run)
 */
export function simulateGammaGamma(params: GammaGammaParams, frequency: ArrayLike<number>, seed: number): Float64Array {
  checkGammaGammaParams(params, 'simulateGammaGamma');
  const random = createRandom(seed);
  const out = new Float64Array(frequency.length);
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i]!;
    if (!Number.isInteger(x) || x < 0) {
      throw new ModelInputError(`simulateGammaGamma requires frequency to be a whole number >= 0: customer at index ${i} has frequency ${x}`, {
        customer: i,
        field: 'frequency',
      });
    }
    const nu = gammaVariate(random, params.q, params.gamma);
    out[i] = x === 0 ? 0 : Math.exp(logGammaVariate(random, params.p * x)) / (x * nu);
  }
  return out;
}
