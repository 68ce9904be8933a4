import { asCompressed, type RfmInput } from '../data/as-compressed.js';
import type { CompressedRfm } from '../data/compress-rfm.js';
import { requireRepeatCustomer } from '../data/require-repeat-customer.js';
import { weightedTotals } from '../data/weighted-totals.js';
import type { FitOptions } from '../fit-options.js';
import type { ModelFit } from '../fit-result.js';
import { maximumLikelihoodFit } from '../maximum-likelihood-fit.js';
import { familyLogLikelihood } from './family-log-likelihood.js';
import { BGNBD_PARAM_NAMES, checkBgNbdParams, type BgNbdParams } from './params.js';

/**
 * Options for bgnbdFit and mbgnbdFit: the penalty is coef · (r² + α² + a² + b²); the default start is
 * r = 1, α = mean T / mean frequency, a = b = 1.
 */
export type BgNbdFitOptions = FitOptions<BgNbdParams>;

/** Shared fit of the beta-geometric/NBD family (k = 0 BG/NBD, k = 1 MBG/NBD). */
export function familyFit<Model extends 'bgnbd' | 'mbgnbd'>(
  input: RfmInput,
  options: BgNbdFitOptions,
  k: 0 | 1,
  model: Model,
  caller: string,
): ModelFit<Model, BgNbdParams> {
  const data = asCompressed(input, caller);
  requireRepeatCustomer(data, caller);
  return maximumLikelihoodFit(
    {
      caller,
      model,
      names: BGNBD_PARAM_NAMES,
      defaultStart: () => defaultStart(data),
      checkParams: checkBgNbdParams,
      logLikelihood: (logParams) => {
        const [r, alpha, a, b] = logParams.map(Math.exp) as [number, number, number, number];
        const result = familyLogLikelihood({ r, alpha, a, b }, data, k);
        return { value: result.value, gradient: result.gradient };
      },
      customers: data.customers,
      uniqueRows: data.uniqueRows,
    },
    options,
  );
}

/** r = 1 and α matching the mean purchase rate r/α ≈ mean frequency / mean T; a = b = 1. */
function defaultStart(data: CompressedRfm): BgNbdParams {
  const { frequency: sumX, T: sumT } = weightedTotals(data);
  const alpha = sumT > 0 && sumX > 0 ? sumT / sumX : 1;
  return { r: 1, alpha: Math.min(Math.max(alpha, 1e-3), 1e6), a: 1, b: 1 };
}
