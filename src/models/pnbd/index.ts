/**
 * Pareto/NBD purchase model (Schmittlein, Morrison & Colombo 1987; Fader &
 * Hardie 2005 derivations): likelihood, fit, predictions, simulation.
 *
 * @module
 */
export { PNBD_PARAM_NAMES, type ParetoNbdParams } from './params.js';
export { pnbdCustomerLogLikelihood, pnbdLogLikelihood } from './log-likelihood.js';
export { pnbdFit, type ParetoNbdFit, type ParetoNbdFitOptions } from './fit.js';
export { pnbdExpectedTransactions, pnbdExpectedTransactionsNewCustomer, pnbdProbabilityAlive } from './predict.js';
export { pnbdScore } from './score.js';
export { pnbdSimulate } from './simulate.js';
