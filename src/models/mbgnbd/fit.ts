import { familyFit, type BgNbdFitOptions } from '../bgnbd/family-fit.js';
import type { BgNbdParams } from '../bgnbd/params.js';
import type { RfmInput } from '../data/as-compressed.js';
import type { ModelFit } from '../fit-result.js';

/** A fitted MBG/NBD model, frozen plain data. */
export type MbgNbdFit = ModelFit<'mbgnbd', BgNbdParams>;

/**
 * Fits the MBG/NBD model (Batislam, Denizel & Filiztekin 2007) by maximum
 * likelihood over (ln r, ln α, ln a, ln b) with BFGS and analytic gradients,
 * on the compressed (frequency, recency, T) table.
 *
 * @param input customer rows, columns, or the output of compressRfm
 * @param options penalizer (lifetimes' penalizer_coef), initialParams, maxIterations, gradientTolerance, requireConvergence
 * @returns `{ model: 'mbgnbd', params: { r, alpha, a, b }, logLikelihood, standardErrors,
 *   confidenceIntervals, converged, iterations, gradientNorm, customers, uniqueRows, penalizer }`
 * @throws {ModelInputError} for invalid customers (named by id or index), no customers, or no repeat customer
 * @throws {ConvergenceError} when the optimizer does not converge (carries its report)
 * @example mbgnbdFit(cdnow).params // ≈ { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 } (BTYDplus, lifetimes)
 */
export function mbgnbdFit(input: RfmInput, options: BgNbdFitOptions = {}): MbgNbdFit {
  return familyFit(input, options, 1, 'mbgnbd', 'mbgnbdFit');
}
