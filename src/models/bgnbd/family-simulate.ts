import { createSample, recordCustomer, validateSimulation, type RfmSample, type SimulateOptions } from '../data/sample.js';
import { betaVariate, createRandom, exponentialVariate, gammaVariate } from '../data/random.js';
import { checkBgNbdParams, type BgNbdParams } from './params.js';

/**
 * Simulates the beta-geometric/NBD family: per customer λ ~ gamma(r, α),
 * p ~ beta(a, b); purchases follow a Poisson process with rate λ over (0, T];
 * after each repeat purchase (k = 1: and right after the first) the customer
 * drops out with probability p. Checks the parameters and the options first
 * (errors name `caller`). Returns the sufficient statistics.
 */
export function familySimulate(
  p: BgNbdParams,
  observation: ArrayLike<number>,
  options: SimulateOptions,
  k: 0 | 1,
  caller: string,
): RfmSample {
  checkBgNbdParams(p, caller);
  validateSimulation(caller, observation, options);
  const resolution = options.resolution;
  const random = createRandom(options.seed ?? 1);
  const sample = createSample(observation.length);
  for (let i = 0; i < observation.length; i++) {
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
    recordCustomer(sample, i, x, last, age, resolution);
  }
  return sample;
}
