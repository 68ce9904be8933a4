/**
 * @module
 * Gamma-Gamma model of mean transaction value (Fader, Hardie and Lee 2005; Fader and Hardie 2013).
 */
export type { CompressedSpend, GammaGammaFit, GammaGammaParams, SpendColumns, SpendData, SpendRow } from './types.js';
export { compressSpend } from './compress.js';
export { gammaGammaLogLikelihood } from './log-likelihood.js';
export { gammaGammaFit, type GammaGammaFitOptions } from './fit.js';
export { conditionalExpectedAverageSpend, conditionalExpectedAverageSpends, expectedSpendNewCustomer } from './expected-spend.js';
export { simulateGammaGamma } from './simulate.js';
