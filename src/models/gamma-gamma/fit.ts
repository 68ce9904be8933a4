/**
 * @module
 * Maximum-likelihood fit of the Gamma-Gamma spend model.
 */
import { ModelInputError } from '../errors.js';
import type { FitOptions } from '../fit-options.js';
import { maximumLikelihoodFit } from '../maximum-likelihood-fit.js';
import { compressSpend } from './compress.js';
import { checkGammaGammaParams, gammaGammaLogSpace } from './log-likelihood.js';
import type { GammaGammaFit, GammaGammaParams, SpendData } from './types.js';

/**
 * Options for `gammaGammaFit`, as for `bgnbdFit`: the penalty is coef * (p^2 + q^2 + gamma^2); the default start
 * is p = q = gamma = 1.
 */
export type GammaGammaFitOptions = FitOptions<GammaGammaParams>;

const NAMES = ['p', 'q', 'gamma'] as const;

/**
 * Fits the Gamma-Gamma model of mean repeat spend (Fader, Hardie and Lee 2005, "RFM and CLV: Using Iso-Value
 * Curves for Customer Base Analysis", JMR 42(4); Fader and Hardie 2013, "The Gamma-Gamma Model of Monetary
 * Value") by maximum likelihood: BFGS on (ln p, ln q, ln gamma) with the analytic gradient, on customers grouped
 * by identical (frequency, monetaryValue). Customers with frequency 0 are skipped. Standard errors come from the
 * Hessian in log space by the delta method, with 95% intervals exp(ln theta +- 1.96 se).
 *
 * The model assumes spend is independent of purchase frequency; check that their correlation is weak first.
 *
 * @param data rows, columns, or the output of `compressSpend`
 * @returns `{ model: 'gamma-gamma', params: { p, q, gamma }, logLikelihood, standardErrors, confidenceIntervals,
 *   converged, iterations, gradientNorm, customers, uniqueRows, penalizer }`
 * @throws {ModelInputError} naming the customer for invalid data, or "gammaGammaFit requires at least one
 *   repeat customer" when every frequency is 0.
 * @throws {ConvergenceError} when the optimizer does not converge, with its report attached.
 * @example gammaGammaFit(cdnowRepeatCustomers).params // { p: 6.25, q: 3.74, gamma: 15.44 } (to two decimals)
 */
export function gammaGammaFit(data: SpendData, options: GammaGammaFitOptions = {}): GammaGammaFit {
  const spend = compressSpend(data, 'gammaGammaFit');
  if (spend.customers === 0) throw new ModelInputError('gammaGammaFit requires at least one repeat customer');
  return maximumLikelihoodFit(
    {
      caller: 'gammaGammaFit',
      model: 'gamma-gamma',
      names: NAMES,
      defaultStart: () => ({ p: 1, q: 1, gamma: 1 }),
      checkParams: checkGammaGammaParams,
      logLikelihood: gammaGammaLogSpace(spend),
      customers: spend.customers,
      uniqueRows: spend.uniqueRows,
    },
    options,
  );
}
