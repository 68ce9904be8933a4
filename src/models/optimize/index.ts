/**
 * Numerical optimisation for the model fits: BFGS in log-parameter space,
 * Hessians by finite differences, and delta-method standard errors.
 *
 * @module
 */
export type { MinimizeOptions, MinimizeResult, Objective } from './types.js';
export { minimize } from './minimize.js';
export { hessianFromGradient, numericHessian } from './hessian.js';
export { invertPositiveDefinite, invertSymmetric } from './invert-symmetric.js';
export { standardErrorsFromLogHessian, type NaturalScaleSummary } from './standard-errors.js';
export { strongWolfeSearch, type LinePoint, type LineSearchOptions } from './line-search.js';
export { fitLogSpace, type LogSpaceFit, type LogSpaceFitSpec } from './fit-log-space.js';
