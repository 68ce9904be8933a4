import { describe, expect, it } from 'vitest';
import { cdnowSpend } from './cdnow-spend.case.js';
import { compressSpend } from './compress.js';
import { gammaGammaFit } from './fit.js';

describe('gammaGammaFit', () => {
  it('reproduces the published CDNOW fit', () => {
    // Fader and Hardie (2013), "The Gamma-Gamma Model of Monetary Value": p = 6.25, q = 3.74, gamma = 15.44
    // on the 946 repeat customers of the CDNOW sample. lifetimes' test_params_out_is_close_to_Hardie_paper checks
    // them to two decimals (|error| < 0.015); scipy on the same data gives 6.2488, 3.7446, 15.4477.
    const fit = gammaGammaFit(cdnowSpend());
    expect(Math.abs(fit.params.p - 6.25)).toBeLessThan(0.015);
    expect(Math.abs(fit.params.q - 3.74)).toBeLessThan(0.015);
    expect(Math.abs(fit.params.gamma - 15.44)).toBeLessThan(0.015);
    // CLVTools tests/testthat/test_correctness_gg.R: LL = -4055.9177 on its copy of the data.
    expect(Math.abs(fit.logLikelihood - -4055.9177)).toBeLessThan(0.01);
    expect(fit.customers).toBe(946);
    expect(fit.converged).toBe(true);
    expect(Object.isFrozen(fit)).toBe(true);
    expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
    const [lower, upper] = fit.confidenceIntervals.p!;
    expect(lower).toBeLessThan(fit.params.p);
    expect(upper).toBeGreaterThan(fit.params.p);
    expect(fit.standardErrors.gamma).toBeGreaterThan(0);
    expect(Object.isFrozen(fit.confidenceIntervals.p)).toBe(true);
  });

  it('gives the same fit from a compressed table, and applies the penalizer', () => {
    const rows = cdnowSpend();
    const direct = gammaGammaFit(rows);
    const compressed = compressSpend(rows);
    expect(compressed.uniqueRows).toBe(direct.uniqueRows);
    expect(gammaGammaFit(compressed).params.q).toBeCloseTo(direct.params.q, 10);
    const penalized = gammaGammaFit(compressed, { penalizer: 0.01 });
    expect(penalized.penalizer).toBe(0.01);
    expect(penalized.params.gamma).toBeLessThan(direct.params.gamma);
  });

  it('needs at least one repeat customer', () => {
    expect(() => gammaGammaFit([{ frequency: 0, monetaryValue: 0 }])).toThrow('gammaGammaFit requires at least one repeat customer');
  });
});
