/**
 * BG/NBD (beta-geometric/negative binomial distribution) purchase model of
 * Fader, Hardie & Lee (2005): likelihood, fit, predictions, simulation.
 *
 * @module
 */
export { BGNBD_PARAM_NAMES, type BgNbdParams } from './params.js';
export { bgnbdCustomerLogLikelihood, bgnbdLogLikelihood } from './log-likelihood.js';
export { bgnbdFit, type BgNbdFit, type BgNbdFitOptions } from './fit.js';
export {
  bgnbdExpectedTransactions,
  bgnbdExpectedTransactionsNewCustomer,
  bgnbdProbabilityAlive,
  bgnbdProbabilityOfTransactions,
} from './predict.js';
export { bgnbdScore, type PurchaseScores } from './score.js';
export { bgnbdSimulate } from './simulate.js';
