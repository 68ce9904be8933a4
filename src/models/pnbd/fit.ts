import { asCompressed, type RfmInput } from '../data/as-compressed.js';
import type { CompressedRfm } from '../data/compress-rfm.js';
import { requireRepeatCustomer } from '../data/require-repeat-customer.js';
import { weightedTotals } from '../data/weighted-totals.js';
import type { FitOptions } from '../fit-options.js';
import type { ModelFit } from '../fit-result.js';
import { maximumLikelihoodFit } from '../maximum-likelihood-fit.js';
import { pnbdCompressedLogLikelihood } from './compressed-log-likelihood.js';
import { checkParetoNbdParams, PNBD_PARAM_NAMES, type ParetoNbdParams } from './params.js';

/**
 * Options for pnbdFit: the penalty is coef · (r² + α² + s² + β²); the default start is r = s = 1,
 * α = mean T / mean frequency, β = mean T.
 */
export type ParetoNbdFitOptions = FitOptions<ParetoNbdParams>;

/** A fitted Pareto/NBD model, frozen plain data. */
export type ParetoNbdFit = ModelFit<'pnbd', ParetoNbdParams>;

/**
 * Fits the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987) by maximum
 * likelihood: the weighted sum of Fader & Hardie's (2005) eq. 22-23 is
 * maximised over (ln r, ln α, ln s, ln β) with BFGS and an analytic gradient
 * (derivatives carried along the hypergeometric series), on the compressed
 * (frequency, recency, T) table.
 *
 * @param input customer rows, columns, or the output of compressRfm
 * @param options penalizer, initialParams, maxIterations, gradientTolerance, requireConvergence
 * @returns `{ model: 'pnbd', params: { r, alpha, s, beta }, logLikelihood, standardErrors,
 *   confidenceIntervals, converged, iterations, gradientNorm, customers, uniqueRows, penalizer }`
 * @throws {ModelInputError} for invalid customers (named by id or index), no customers, or no repeat customer
 * @throws {ConvergenceError} when the optimizer does not converge (carries its report)
 * @example pnbdFit(cdnow).params // ≈ { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 } (FHL 2005)
 */
export function pnbdFit(input: RfmInput, options: ParetoNbdFitOptions = {}): ParetoNbdFit {
  const caller = 'pnbdFit';
  const data = asCompressed(input, caller);
  requireRepeatCustomer(data, caller);
  return maximumLikelihoodFit(
    {
      caller,
      model: 'pnbd',
      names: PNBD_PARAM_NAMES,
      defaultStart: () => defaultStart(data),
      checkParams: checkParetoNbdParams,
      logLikelihood: (logParams) => {
        const [r, alpha, s, beta] = logParams.map(Math.exp) as [number, number, number, number];
        const result = pnbdCompressedLogLikelihood({ r, alpha, s, beta }, data);
        return { value: result.value, gradient: result.gradient };
      },
      customers: data.customers,
      uniqueRows: data.uniqueRows,
    },
    options,
  );
}

/** r = s = 1, α from the mean purchase rate, β so that mean lifetimes match the mean observation length. */
function defaultStart(data: CompressedRfm): ParetoNbdParams {
  const { frequency: sumX, T: sumT } = weightedTotals(data);
  const meanT = sumT / data.customers;
  const clamp = (v: number) => Math.min(Math.max(v, 1e-3), 1e6);
  return { r: 1, alpha: clamp(sumX > 0 ? sumT / sumX : 1), s: 1, beta: clamp(meanT > 0 ? meanT : 1) };
}
