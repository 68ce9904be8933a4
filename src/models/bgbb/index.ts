/**
 * @module
 * BG/BB model of discrete-time non-contractual purchasing (Fader, Hardie and Shang 2010).
 */
export type { BgBbFit, BgBbParams, CompressedDiscrete, DiscreteColumns, DiscreteData, DiscreteRow } from './types.js';
export { compressDiscrete } from './compress.js';
export { bgbbLogLikelihood } from './log-likelihood.js';
export { bgbbFit, type BgBbFitOptions } from './fit.js';
export { bgbbProbabilityAlive } from './probability-alive.js';
export {
  bgbbConditionalExpectedTransactions,
  bgbbExpectedTransactionsNewCustomer,
  bgbbTransactionCountProbability,
} from './expected-transactions.js';
export { simulateBgBb, type SimulatedDiscrete } from './simulate.js';
