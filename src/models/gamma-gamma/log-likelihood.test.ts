import { describe, expect, it } from 'vitest';
import { ModelInputError } from '../errors.js';
import { centralDifferences } from '../optimize/central-differences.case.js';
import { cdnowSpend } from './cdnow-spend.case.js';
import { compressSpend } from './compress.js';
import { gammaGammaLogLikelihood, gammaGammaLogSpace } from './log-likelihood.js';

describe('gammaGammaLogLikelihood', () => {
  it('matches the CDNOW log-likelihood near the published fit', () => {
    // Fader and Hardie (2013) publish p = 6.25, q = 3.74, gamma = 15.44 for these 946 repeat customers;
    // R's CLVTools (tests/testthat/test_correctness_gg.R) checks LL = -4055.9177 at its optimum. At the rounded
    // published parameters the log-likelihood is within 0.01 of that (cross-checked with scipy: -4055.9247).
    const ll = gammaGammaLogLikelihood({ p: 6.25, q: 3.74, gamma: 15.44 }, cdnowSpend());
    expect(ll).toBeCloseTo(-4055.9247, 3);
    expect(Math.abs(ll - -4055.9177)).toBeLessThan(0.01);
  });

  it('weights a row as that many identical customers', () => {
    const params = { p: 2, q: 3, gamma: 4 };
    const single = gammaGammaLogLikelihood(params, [{ frequency: 3, monetaryValue: 12.5 }]);
    expect(gammaGammaLogLikelihood(params, [{ frequency: 3, monetaryValue: 12.5, weight: 7 }])).toBeCloseTo(7 * single, 10);
    expect(
      gammaGammaLogLikelihood(params, { frequency: [3, 3, 0], monetaryValue: [12.5, 12.5, 0], weight: [3, 4, 9] }),
    ).toBeCloseTo(7 * single, 10);
  });

  it('rejects out-of-domain customers by name', () => {
    const params = { p: 2, q: 3, gamma: 4 };
    expect(() => gammaGammaLogLikelihood(params, [{ frequency: 2, monetaryValue: -1, id: 'c-9' }])).toThrow(
      /customer "c-9".*monetaryValue -1/,
    );
    expect(() => gammaGammaLogLikelihood(params, [{ frequency: 1.5, monetaryValue: 3 }])).toThrow(/index 0.*frequency 1.5/);
    expect(() => gammaGammaLogLikelihood({ p: 2, q: Number.NaN, gamma: 4 }, [])).toThrow(ModelInputError);
  });
});

describe('gammaGammaLogSpace', () => {
  it('has an analytic gradient in log space that matches central differences (relative 1e-6)', () => {
    const spend = compressSpend(cdnowSpend(), 'test');
    const objective = gammaGammaLogSpace(spend);
    const z = [Math.log(5), Math.log(3), Math.log(12)];
    const { gradient } = objective(z);
    const numeric = centralDifferences(objective, z, 1e-5);
    for (let k = 0; k < 3; k++) {
      expect(Math.abs(gradient[k]! - numeric[k]!)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric[k]!)));
    }
  });
});

describe('compressSpend', () => {
  it('groups identical repeat customers and skips customers without repeat purchases', () => {
    const spend = compressSpend(cdnowSpend(), 'test');
    expect(spend.customers).toBe(946);
    expect(spend.frequency.length).toBeLessThan(946);
    const rows = compressSpend(
      [
        { frequency: 2, monetaryValue: 10 },
        { frequency: 1, monetaryValue: 10 },
        { frequency: 2, monetaryValue: 10 },
        { frequency: 0, monetaryValue: 0 },
        { frequency: 2, monetaryValue: 5, weight: 2 },
      ],
      'test',
    );
    expect(Array.from(rows.frequency)).toEqual([1, 2, 2]);
    expect(Array.from(rows.monetaryValue)).toEqual([10, 5, 10]);
    expect(Array.from(rows.weight)).toEqual([1, 2, 2]);
    expect(rows.customers).toBe(5);
  });
});
