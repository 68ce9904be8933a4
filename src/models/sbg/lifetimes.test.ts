import { describe, expect, it } from 'vitest';
import { highEnd, regular } from './cohorts.case.js';
import { sbgFitLifetimes, type LifetimeRow } from './lifetimes.js';
import { sbgLogLikelihood } from './log-likelihood.js';
import type { CohortRow } from './types.js';

/** A cohort as lifetimes: n_{t-1} - n_t paid t periods and ended; the n_T survivors are running in period T + 1. */
function asLifetimes(cohort: readonly CohortRow[]): LifetimeRow[] {
  const rows: LifetimeRow[] = [];
  for (let t = 1; t < cohort.length; t++) rows.push({ payments: t, ended: cohort[t - 1]!.active - cohort[t]!.active, running: 0 });
  rows.push({ payments: cohort.length, ended: 0, running: cohort.at(-1)!.active });
  return rows;
}

describe('sbgFitLifetimes', () => {
  it("reproduces Fader and Hardie's (2007) published fits from the cohorts written as lifetimes", () => {
    const high = sbgFitLifetimes(asLifetimes(highEnd));
    expect(high.params.alpha).toBeCloseTo(0.668, 3);
    expect(high.params.beta).toBeCloseTo(3.806, 3);
    expect(high.logLikelihood).toBeCloseTo(-1611.158, 2);
    const reg = sbgFitLifetimes(asLifetimes(regular));
    expect(reg.params.alpha).toBeCloseTo(0.704, 3);
    expect(reg.params.beta).toBeCloseTo(1.182, 3);
    expect(reg.customers).toBe(1000);
  });

  it('adds cohorts observed for different lengths of time', () => {
    // The high-end cohort seen for 7 years, and a second one seen for 3 (its first 3 years of Table 1):
    // the log-likelihood is the sum of the two cohorts' own.
    const shortCohort = highEnd.slice(0, 4);
    const params = { alpha: 0.7, beta: 3.5 };
    const fit = sbgFitLifetimes([...asLifetimes(highEnd), ...asLifetimes(shortCohort)], { initialParams: params, maxIterations: 0, requireConvergence: false });
    expect(fit.logLikelihood).toBeCloseTo(sbgLogLikelihood(params, highEnd) + sbgLogLikelihood(params, shortCohort), 9);
  });

  it('refuses lifetimes whose likelihood has no maximum, and bad rows', () => {
    expect(() => sbgFitLifetimes([{ payments: 3, ended: 0, running: 10 }])).toThrow('sbgFitLifetimes requires at least one subscription that ended');
    expect(() => sbgFitLifetimes([{ payments: 1, ended: 10, running: 0 }])).toThrow('sbgFitLifetimes requires at least one subscription that renewed');
    expect(() => sbgFitLifetimes([{ payments: 0, ended: 1, running: 0 }])).toThrow('payments to be a whole number >= 1: row 0 has 0');
  });
});
