import type { RfmInput } from '../data/as-compressed.js';
import type { ModelFit } from '../fit-result.js';
import { familyFit, type BgNbdFitOptions } from './family-fit.js';
import type { BgNbdParams } from './params.js';

export type { BgNbdFitOptions } from './family-fit.js';

/** A fitted BG/NBD model, frozen plain data. */
export type BgNbdFit = ModelFit<'bgnbd', BgNbdParams>;

/**
 * Fits the BG/NBD model (Fader, Hardie & Lee 2005, "Counting Your Customers
 * the Easy Way: An Alternative to the Pareto/NBD Model", Marketing Science
 * 24(2)) by maximum likelihood: the weighted sum of eq. 6 is maximised over
 * (ln r, ln α, ln a, ln b) with BFGS and analytic gradients, on the
 * compressed (frequency, recency, T) table.
 *
 * @param input customer rows, columns, or the output of compressRfm
 * @param options penalizer (lifetimes' penalizer_coef), initialParams, maxIterations, gradientTolerance, requireConvergence
 * @returns `{ model: 'bgnbd', params: { r, alpha, a, b }, logLikelihood, standardErrors,
 *   confidenceIntervals, converged, iterations, gradientNorm, customers, uniqueRows, penalizer }`
 * @throws {ModelInputError} for invalid customers (named by id or index), no customers, or no repeat customer
 * @throws {ConvergenceError} when the optimizer does not converge (carries its report)
 * @example bgnbdFit(cdnow).params // { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } (FHL 2005)
 */
export function bgnbdFit(input: RfmInput, options: BgNbdFitOptions = {}): BgNbdFit {
  return familyFit(input, options, 0, 'bgnbd', 'bgnbdFit');
}
