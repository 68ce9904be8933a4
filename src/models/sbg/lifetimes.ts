/**
 * @module
 * The sBG fit on subscriptions observed for different lengths of time: each one either ended after paying
 * k periods, or is still running having paid k so far (censored). A single cohort observed for T periods is
 * the special case where every survivor has paid T + 1 periods, so this fit on a cohort's subscriptions
 * gives the cohort fit's parameters exactly (tested on Fader and Hardie's published cohorts).
 */
import { ModelInputError } from '../errors.js';
import type { FitOptions } from '../fit-options.js';
import { maximumLikelihoodFit } from '../maximum-likelihood-fit.js';
import type { Objective } from '../optimize/index.js';
import { betaln } from '../special/betaln.js';
import { checkSbgParams } from './log-likelihood.js';
import type { SbgFit, SbgParams } from './types.js';

/** How many subscriptions paid `payments` periods: those that then ended, and those still running. */
export interface LifetimeRow {
  readonly payments: number;
  readonly ended: number;
  readonly running: number;
}

/**
 * The log-likelihood of the lifetimes, with its gradient in (ln alpha, ln beta):
 *
 *   LL = sum_k ended_k ln P(T = k) + running_k ln S(k - 1)
 *
 * where T is the number of periods a subscription pays, P(T = k) = B(alpha + 1, beta + k - 1) / B(alpha, beta)
 * and S(t) = P(T > t) = B(alpha, beta + t) / B(alpha, beta) (Fader and Hardie 2007): a subscription running in
 * its k-th period has renewed k - 1 times, which is all that is known of it.
 */
export function sbgLifetimesLogSpace(rows: readonly LifetimeRow[]): Objective {
  const sorted = [...rows].sort((a, b) => a.payments - b.payments);
  const last = sorted.at(-1)?.payments ?? 0;
  const ended = new Float64Array(last + 1);
  const running = new Float64Array(last + 1);
  for (const row of sorted) {
    ended[row.payments] = (ended[row.payments] ?? 0) + row.ended;
    running[row.payments] = (running[row.payments] ?? 0) + row.running;
  }
  return (z) => {
    const alpha = Math.exp(z[0]!);
    const beta = Math.exp(z[1]!);
    const lbab = betaln(alpha, beta);
    let value = 0;
    let dAlpha = 0;
    let dBeta = 0;
    // H(a, m) = psi(a + m) - psi(a) at integer m, accumulated as k grows: d/d alpha and d/d beta of the beta functions.
    let hABprev = 0; // H(alpha + beta, k - 1)
    let hBprev = 0; // H(beta, k - 1)
    for (let k = 1; k <= last; k++) {
      const hAB = hABprev + 1 / (alpha + beta + k - 1); // H(alpha + beta, k)
      const e = ended[k] ?? 0;
      if (e > 0) {
        value += e * (betaln(alpha + 1, beta + k - 1) - lbab);
        dAlpha += e * (1 / alpha - hAB);
        dBeta += e * (hBprev - hAB);
      }
      const r = running[k] ?? 0;
      if (r > 0 && k > 1) {
        // ln S(k - 1) = ln B(alpha, beta + k - 1) - ln B(alpha, beta)
        value += r * (betaln(alpha, beta + k - 1) - lbab);
        dAlpha += r * -hABprev;
        dBeta += r * (hBprev - hABprev);
      }
      hABprev = hAB;
      hBprev += 1 / (beta + k - 1);
    }
    return { value, gradient: [dAlpha * alpha, dBeta * beta] };
  };
}

/**
 * Fits the sBG model to lifetimes by maximum likelihood, as `sbgFit` does to a cohort.
 *
 * @throws {ModelInputError} for rows with payments below 1 or counts that are negative or not finite; and when no
 *   subscription ended or none renewed, since the likelihood then has no maximum.
 */
export function sbgFitLifetimes(rows: readonly LifetimeRow[], options: FitOptions<SbgParams> = {}): SbgFit {
  rows.forEach((row, i) => {
    if (!Number.isInteger(row.payments) || row.payments < 1) {
      throw new ModelInputError(`sbgFitLifetimes requires payments to be a whole number >= 1: row ${i} has ${row.payments}`, { field: 'payments' });
    }
    for (const field of ['ended', 'running'] as const) {
      if (!Number.isFinite(row[field]) || row[field] < 0) {
        throw new ModelInputError(`sbgFitLifetimes requires ${field} to be a finite number >= 0: row ${i} has ${row[field]}`, { field });
      }
    }
  });
  const total = rows.reduce((sum, row) => sum + row.ended + row.running, 0);
  if (!rows.some((row) => row.ended > 0)) throw new ModelInputError('sbgFitLifetimes requires at least one subscription that ended', { field: 'ended' });
  if (!rows.some((row) => row.payments > 1 && row.ended + row.running > 0)) {
    throw new ModelInputError('sbgFitLifetimes requires at least one subscription that renewed', { field: 'payments' });
  }
  return maximumLikelihoodFit(
    {
      caller: 'sbgFitLifetimes',
      model: 'sbg',
      names: ['alpha', 'beta'] as const,
      defaultStart: () => ({ alpha: 1, beta: 1 }),
      checkParams: checkSbgParams,
      logLikelihood: sbgLifetimesLogSpace(rows),
      customers: total,
      uniqueRows: rows.length,
    },
    options,
  );
}
