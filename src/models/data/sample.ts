import { ModelInputError } from '../errors.js';

/** Simulated sufficient statistics, one entry per customer (columns for compressRfm). */
export interface RfmSample {
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
}

/** Options shared by the simulators. */
export interface SimulateOptions {
  /** PRNG seed (default 1): the same seed gives the same customers. */
  seed?: number;
  /**
   * Round T and recency to multiples of this (e.g. 1/7 for days when time is
   * in weeks), as a real store summary would be. Default: no rounding.
   */
  resolution?: number;
}

/**
 * Checks simulator inputs: observation lengths finite and >= 0, resolution > 0.
 *
 * @throws {ModelInputError} naming the offending customer index
 */
export function validateSimulation(caller: string, observation: ArrayLike<number>, options: SimulateOptions): void {
  for (let i = 0; i < observation.length; i++) {
    const T = observation[i] as number;
    if (!(Number.isFinite(T) && T >= 0)) {
      throw new ModelInputError(`${caller} requires observation lengths T to be finite numbers >= 0: customer ${i} has T ${T}`, {
        customer: i,
        field: 'T',
      });
    }
  }
  if (options.resolution !== undefined && !(Number.isFinite(options.resolution) && options.resolution > 0)) {
    throw new ModelInputError(`${caller} requires resolution to be a finite number > 0: got ${options.resolution}`, {
      field: 'resolution',
    });
  }
}

/** An all-zero sample for n customers, for a simulator to fill with {@link recordCustomer}. */
export function createSample(n: number): RfmSample {
  return { frequency: new Float64Array(n), recency: new Float64Array(n), T: new Float64Array(n) };
}

/**
 * Writes simulated customer i into the sample as a store would summarise them: T and recency rounded to
 * multiples of `resolution` when one is given (recency never above the rounded T), exact otherwise.
 *
 * @param frequency repeat purchases made within the observation
 * @param last time of the last repeat purchase since the first (0 without one)
 * @param age the customer's observation length T
 */
export function recordCustomer(
  sample: RfmSample,
  i: number,
  frequency: number,
  last: number,
  age: number,
  resolution: number | undefined,
): void {
  const roundedT = resolution === undefined ? age : Math.round(age / resolution) * resolution;
  sample.frequency[i] = frequency;
  sample.T[i] = roundedT;
  sample.recency[i] = resolution === undefined ? last : Math.min(roundedT, Math.round(last / resolution) * resolution);
}
