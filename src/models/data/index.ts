/**
 * Customer summaries for the purchase models: validation, sufficient-statistics
 * compression, column levels, and seeded random variates for simulation.
 *
 * @module
 */
export { validateCustomer, type RfmColumns, type RfmCustomer } from './rfm.js';
export { compressRfm, type CompressedRfm } from './compress-rfm.js';
export { levels, pairLevels, rfmLevels, type Levels, type PairLevels, type RfmLevels } from './levels.js';
export {
  betaVariate,
  createRandom,
  exponentialVariate,
  gammaVariate,
  logGammaVariate,
  normalVariate,
  type Random,
} from './random.js';
export { validateSimulation, type RfmSample, type SimulateOptions } from './sample.js';
export { asCompressed, type RfmInput } from './as-compressed.js';
