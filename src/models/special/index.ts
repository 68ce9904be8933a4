/**
 * Special functions and numerical helpers for the models, each in its own file
 * and tested against closed forms or a second method.
 *
 * @module
 */
export { gammaln, gammaSign } from './gammaln.js';
export { digamma } from './digamma.js';
export { betaln } from './betaln.js';
export { logAddExp, logSubExp, logSumExp, signedLogSumExp, type SignedLog } from './log-sum-exp.js';
export { hyp2f1, hyp2f1Complement, hyp2f1Estimate } from './hyp2f1.js';
export { exprel } from './exprel.js';
export { compensatedSum, type CompensatedSum } from './compensated-sum.js';
export { integrate } from './integrate.js';
export { sinPi } from './sin-pi.js';
