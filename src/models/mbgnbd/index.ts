/**
 * MBG/NBD (modified beta-geometric/NBD) purchase model of Batislam, Denizel &
 * Filiztekin (2007): likelihood, fit, predictions, simulation. Parameters are
 * BG/NBD's r, alpha, a, b.
 *
 * @module
 */
export type { BgNbdParams as MbgNbdParams } from '../bgnbd/params.js';
export type { BgNbdFitOptions as MbgNbdFitOptions } from '../bgnbd/family-fit.js';
export { mbgnbdCustomerLogLikelihood, mbgnbdLogLikelihood } from './log-likelihood.js';
export { mbgnbdFit, type MbgNbdFit } from './fit.js';
export {
  mbgnbdExpectedTransactions,
  mbgnbdExpectedTransactionsNewCustomer,
  mbgnbdProbabilityAlive,
  mbgnbdProbabilityOfTransactions,
} from './predict.js';
export { mbgnbdScore } from './score.js';
export { mbgnbdSimulate } from './simulate.js';
