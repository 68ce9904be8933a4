import { createRandom, exponentialVariate, gammaVariate } from '../data/random.js';
import { createSample, recordCustomer, validateSimulation, type RfmSample, type SimulateOptions } from '../data/sample.js';
import { checkParetoNbdParams, type ParetoNbdParams } from './params.js';

/**
 * Simulates Pareto/NBD customers (Schmittlein, Morrison & Colombo 1987):
 * per customer λ ~ gamma(r, α) and μ ~ gamma(s, β); the lifetime is
 * exponential with rate μ, and purchases arrive as a Poisson process with
 * rate λ until the end of the lifetime or of the observation T.
 *
 * @param params r, alpha, s, beta
 * @param observation T for each customer
 * @param options seed (default 1), resolution for rounding T and recency (e.g. 1/7 for days in weeks)
 * @returns columns frequency, recency, T; deterministic for a seed
 * @throws {ModelInputError} for non-positive parameters, a negative T, or a non-positive resolution
 */
export function pnbdSimulate(params: ParetoNbdParams, observation: ArrayLike<number>, options: SimulateOptions = {}): RfmSample {
  const caller = 'pnbdSimulate';
  checkParetoNbdParams(params, caller);
  validateSimulation(caller, observation, options);
  const random = createRandom(options.seed ?? 1);
  const resolution = options.resolution;
  const sample = createSample(observation.length);
  for (let i = 0; i < observation.length; i++) {
    const age = observation[i] as number;
    const lambda = gammaVariate(random, params.r, params.alpha);
    const mu = gammaVariate(random, params.s, params.beta);
    const end = Math.min(age, exponentialVariate(random, mu));
    let x = 0;
    let last = 0;
    for (let clock = exponentialVariate(random, lambda); clock <= end; clock += exponentialVariate(random, lambda)) {
      x++;
      last = clock;
    }
    recordCustomer(sample, i, x, last, age, resolution);
  }
  return sample;
}
