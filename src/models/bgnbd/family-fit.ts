import { asCompressed, type RfmInput } from '../data/as-compressed.js';
import type { CompressedRfm } from '../data/compress-rfm.js';
import { ModelInputError, requirePositiveParams } from '../errors.js';
import { fitLogSpace } from '../optimize/fit-log-space.js';
import { familyLogLikelihood } from './family-log-likelihood.js';
import { BGNBD_PARAM_NAMES, type BgNbdParams } from './params.js';

/** Options for bgnbdFit and mbgnbdFit. */
export interface BgNbdFitOptions {
  /** lifetimes' penalizer_coef: adds coef · (r² + α² + a² + b²) to the mean negative log-likelihood. Default 0. */
  penalizer?: number;
  /** Starting values (default r = 1, α = mean T / mean frequency, a = b = 1). */
  initialParams?: BgNbdParams;
  /** Optimizer iterations (default 200). */
  maxIterations?: number;
  /** Converged when every |∂(mean -ln L)/∂ ln θ| <= this (default 1e-6). */
  gradientTolerance?: number;
  /** Throw ConvergenceError when not converged (default true). */
  requireConvergence?: boolean;
}

type ParamRecord<T> = { readonly r: T; readonly alpha: T; readonly a: T; readonly b: T };

/** A fitted BG/NBD or MBG/NBD model: frozen plain data (JSON.stringify gives it whole). */
export interface BgNbdFamilyFit<Model extends 'bgnbd' | 'mbgnbd'> {
  readonly model: Model;
  readonly params: BgNbdParams;
  /** Unpenalised total log-likelihood at the estimates. */
  readonly logLikelihood: number;
  readonly standardErrors: ParamRecord<number | null>;
  readonly confidenceIntervals: ParamRecord<readonly [number, number] | null>;
  readonly converged: boolean;
  readonly iterations: number;
  readonly gradientNorm: number;
  /** Total customer weight fitted. */
  readonly customers: number;
  /** Distinct (frequency, recency, T) rows after compression. */
  readonly uniqueRows: number;
  readonly penalizer: number;
}

/** Shared fit of the beta-geometric/NBD family (k = 0 BG/NBD, k = 1 MBG/NBD). */
export function familyFit<Model extends 'bgnbd' | 'mbgnbd'>(
  input: RfmInput,
  options: BgNbdFitOptions,
  k: 0 | 1,
  model: Model,
  caller: string,
): BgNbdFamilyFit<Model> {
  const data = asCompressed(input, caller);
  checkIdentifiable(data, caller);
  const penalizer = options.penalizer ?? 0;
  if (!(Number.isFinite(penalizer) && penalizer >= 0)) {
    throw new ModelInputError(`${caller} requires penalizer to be a finite number >= 0: got ${penalizer}`, { field: 'penalizer' });
  }
  const start = options.initialParams ?? defaultStart(data);
  requirePositiveParams(caller, { r: start.r, alpha: start.alpha, a: start.a, b: start.b });

  const fit = fitLogSpace({
    caller,
    names: BGNBD_PARAM_NAMES,
    start: [start.r, start.alpha, start.a, start.b],
    logLikelihood: (logParams) => {
      const [r, alpha, a, b] = logParams.map(Math.exp) as [number, number, number, number];
      const result = familyLogLikelihood({ r, alpha, a, b }, data, k);
      return { value: result.value, gradient: result.gradient };
    },
    totalWeight: data.customers,
    penalizer,
    optimizer: {
      maxIterations: options.maxIterations ?? 200,
      gradientTolerance: options.gradientTolerance ?? 1e-6,
    },
    requireConvergence: options.requireConvergence ?? true,
  });
  return deepFreeze({
    model,
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

function checkIdentifiable(data: CompressedRfm, caller: string): void {
  if (data.customers <= 0) throw new ModelInputError(`${caller} requires at least one customer`);
  // Without a repeat purchase the dropout process (a, b) is not identified.
  if (!data.frequency.some((x) => x > 0)) throw new ModelInputError(`${caller} requires at least one repeat customer`);
}

/** r = 1 and α matching the mean purchase rate r/α ≈ mean frequency / mean T; a = b = 1. */
function defaultStart(data: CompressedRfm): BgNbdParams {
  let sumX = 0;
  let sumT = 0;
  for (let i = 0; i < data.uniqueRows; i++) {
    sumX += (data.frequency[i] as number) * (data.weight[i] as number);
    sumT += (data.T[i] as number) * (data.weight[i] as number);
  }
  const alpha = sumT > 0 && sumX > 0 ? sumT / sumX : 1;
  return { r: 1, alpha: Math.min(Math.max(alpha, 1e-3), 1e6), a: 1, b: 1 };
}

/** Freezes an object and every object or array inside it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
