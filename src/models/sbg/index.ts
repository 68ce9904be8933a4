/**
 * @module
 * Shifted-beta-geometric model of contract renewal (Fader and Hardie 2007, 2010).
 */
export type { CohortRow, ExpectedLifetime, SbgFit, SbgParams } from './types.js';
export { sbgLogLikelihood } from './log-likelihood.js';
export { sbgFit, type SbgFitOptions } from './fit.js';
export { sbgFitLifetimes, type LifetimeRow } from './lifetimes.js';
export { sbgChurnProbability, sbgRetentionRate, sbgSurvival } from './survival.js';
export { sbgExpectedLifetime } from './expected-lifetime.js';
export { sbgDerl, sbgDiscountedExpectedLifetime } from './discounted-lifetime.js';
export { simulateSbg } from './simulate.js';
