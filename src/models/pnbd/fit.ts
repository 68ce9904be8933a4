import { deepFreeze } from '../bgnbd/family-fit.js';
import { asCompressed, type RfmInput } from '../data/as-compressed.js';
import type { CompressedRfm } from '../data/compress-rfm.js';
import { ModelInputError, requirePositiveParams } from '../errors.js';
import { fitLogSpace } from '../optimize/fit-log-space.js';
import { pnbdCompressedLogLikelihood } from './compressed-log-likelihood.js';
import { PNBD_PARAM_NAMES, type ParetoNbdParams } from './params.js';

/** Options for pnbdFit. */
export interface ParetoNbdFitOptions {
  /** lifetimes' penalizer_coef: adds coef · (r² + α² + s² + β²) to the mean negative log-likelihood. Default 0. */
  penalizer?: number;
  /** Starting values (default r = s = 1, α = mean T / mean frequency, β = mean T). */
  initialParams?: ParetoNbdParams;
  /** Optimizer iterations (default 200). */
  maxIterations?: number;
  /** Converged when every |∂(mean -ln L)/∂ ln θ| <= this (default 1e-6). */
  gradientTolerance?: number;
  /** Throw ConvergenceError when not converged (default true). */
  requireConvergence?: boolean;
}

type ParamRecord<T> = { readonly r: T; readonly alpha: T; readonly s: T; readonly beta: T };

/** A fitted Pareto/NBD model, frozen plain data. */
export interface ParetoNbdFit {
  readonly model: 'pnbd';
  readonly params: ParetoNbdParams;
  /** Unpenalised total log-likelihood at the estimates. */
  readonly logLikelihood: number;
  readonly standardErrors: ParamRecord<number | null>;
  readonly confidenceIntervals: ParamRecord<readonly [number, number] | null>;
  readonly converged: boolean;
  readonly iterations: number;
  readonly gradientNorm: number;
  readonly customers: number;
  readonly uniqueRows: number;
  readonly penalizer: number;
}

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
  if (data.customers <= 0) throw new ModelInputError(`${caller} requires at least one customer`);
  if (!data.frequency.some((x) => x > 0)) throw new ModelInputError(`${caller} requires at least one repeat customer`);
  const penalizer = options.penalizer ?? 0;
  if (!(Number.isFinite(penalizer) && penalizer >= 0)) {
    throw new ModelInputError(`${caller} requires penalizer to be a finite number >= 0: got ${penalizer}`, { field: 'penalizer' });
  }
  const start = options.initialParams ?? defaultStart(data);
  requirePositiveParams(caller, { r: start.r, alpha: start.alpha, s: start.s, beta: start.beta });

  const fit = fitLogSpace({
    caller,
    names: PNBD_PARAM_NAMES,
    start: [start.r, start.alpha, start.s, start.beta],
    logLikelihood: (logParams) => {
      const [r, alpha, s, beta] = logParams.map(Math.exp) as [number, number, number, number];
      const result = pnbdCompressedLogLikelihood({ r, alpha, s, beta }, data);
      return { value: result.value, gradient: result.gradient };
    },
    totalWeight: data.customers,
    penalizer,
    optimizer: { maxIterations: options.maxIterations ?? 200, gradientTolerance: options.gradientTolerance ?? 1e-6 },
    requireConvergence: options.requireConvergence ?? true,
  });
  return deepFreeze({
    model: 'pnbd' as const,
    params: fit.params,
    logLikelihood: fit.logLikelihood,
    standardErrors: fit.standardErrors,
    confidenceIntervals: fit.confidenceIntervals,
    converged: fit.converged,
    iterations: fit.iterations,
    gradientNorm: fit.gradientNorm,
    customers: data.customers,
    uniqueRows: data.uniqueRows,
    penalizer,
  });
}

/** r = s = 1, α from the mean purchase rate, β so that mean lifetimes match the mean observation length. */
function defaultStart(data: CompressedRfm): ParetoNbdParams {
  let sumX = 0;
  let sumT = 0;
  for (let i = 0; i < data.uniqueRows; i++) {
    sumX += (data.frequency[i] as number) * (data.weight[i] as number);
    sumT += (data.T[i] as number) * (data.weight[i] as number);
  }
  const meanT = sumT / data.customers;
  const clamp = (v: number) => Math.min(Math.max(v, 1e-3), 1e6);
  return { r: 1, alpha: clamp(sumX > 0 ? sumT / sumX : 1), s: 1, beta: clamp(meanT > 0 ? meanT : 1) };
}
