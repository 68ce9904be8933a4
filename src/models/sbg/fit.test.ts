import { describe, expect, it } from 'vitest';
import { highEnd, regular } from './cohorts.case.js';
import { sbgFit } from './fit.js';

describe('sbgFit', () => {
  it('reproduces the published fits of Fader and Hardie (2007)', () => {
    // "How to Project Customer Retention", fitted to years 0-7 of Table 1: high end alpha = 0.668,
    // beta = 3.806; regular alpha = 0.704, beta = 1.182 (pymc-marketing quotes the same values).
    const high = sbgFit(highEnd);
    expect(high.params.alpha).toBeCloseTo(0.668, 3);
    expect(high.params.beta).toBeCloseTo(3.806, 3);
    const reg = sbgFit(regular);
    expect(reg.params.alpha).toBeCloseTo(0.704, 3);
    expect(reg.params.beta).toBeCloseTo(1.182, 3);
    expect(high.customers).toBe(1000);
    expect(high.uniqueRows).toBe(7);
    // scipy (Nelder-Mead on the same likelihood) reaches LL = -1611.158 and -1680.265.
    expect(high.logLikelihood).toBeCloseTo(-1611.158, 2);
    expect(reg.logLikelihood).toBeCloseTo(-1680.265, 2);
    expect(high.confidenceIntervals.beta![1]).toBeGreaterThan(3.806);
  });

  it('gives the same fit for percentages as for counts', () => {
    const pct = sbgFit(highEnd.map((r) => ({ period: r.period, active: r.active / 10 })));
    expect(pct.params.alpha).toBeCloseTo(0.668, 3);
  });

  it('refuses cohorts whose likelihood has no maximum', () => {
    expect(() => sbgFit([{ period: 0, active: 100 }, { period: 1, active: 100 }, { period: 2, active: 100 }])).toThrow(
      'sbgFit requires at least one customer who churned',
    );
    expect(() => sbgFit([{ period: 0, active: 100 }, { period: 1, active: 0 }])).toThrow(
      'sbgFit requires at least one customer who renewed',
    );
  });
});
