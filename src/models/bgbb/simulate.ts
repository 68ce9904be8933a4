/**
 * @module
 * Simulation from the BG/BB model.
 */
import { requireWholeNumber } from '../errors.js';
import { betaVariate, createRandom } from '../data/index.js';
import { checkBgBbParams } from './log-likelihood.js';
import type { BgBbParams } from './types.js';

export interface SimulatedDiscrete {
  readonly frequency: Int32Array;
  readonly recency: Int32Array;
  readonly periods: Int32Array;
}

/**
 * Simulates histories over `periods` transaction opportunities under the BG/BB model (Fader, Hardie and Shang
 * 2010): each customer draws p ~ Beta(alpha, beta) and theta ~ Beta(gamma, delta); at the start of each
 * opportunity an alive customer drops out with probability theta, and otherwise transacts with probability p.
 * Seeded: the same seed gives the same histories.
 *
 * @throws {ModelInputError} for invalid parameters, or when customers or periods is not a non-negative integer.
 */
export function simulateBgBb(
  params: BgBbParams,
  options: { readonly customers: number; readonly periods: number; readonly seed: number },
): SimulatedDiscrete {
  checkBgBbParams(params, 'simulateBgBb');
  const { customers, periods, seed } = options;
  requireWholeNumber('simulateBgBb', customers, 'customers');
  requireWholeNumber('simulateBgBb', periods, 'periods');
  const random = createRandom(seed);
  const frequency = new Int32Array(customers);
  const recency = new Int32Array(customers);
  for (let i = 0; i < customers; i++) {
    const p = betaVariate(random, params.alpha, params.beta);
    const theta = betaVariate(random, params.gamma, params.delta);
    let x = 0;
    let tx = 0;
    for (let t = 1; t <= periods; t++) {
      if (random() < theta) break;
      if (random() < p) {
        x++;
        tx = t;
      }
    }
    frequency[i] = x;
    recency[i] = tx;
  }
  return { frequency, recency, periods: new Int32Array(customers).fill(periods) };
}
