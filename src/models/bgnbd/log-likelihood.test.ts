import { describe, expect, it } from 'vitest';
import { compressRfm } from '../data/compress-rfm.js';
import { ModelInputError } from '../errors.js';
import { gammaln } from '../special/gammaln.js';
import { bgnbdCustomerLogLikelihood, bgnbdLogLikelihood } from './log-likelihood.js';

const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('bgnbdCustomerLogLikelihood (FHL 2005 eq. 6)', () => {
  it('matches the paper spreadsheet layout L = A1·A2·(A3 + A4) for customer 0001', () => {
    // x = 2, t_x = 30.43, T = 38.86; A1..A4 as in FHL 2005 section 7, computed here by hand.
    const { r, alpha, a, b } = published;
    const x = 2;
    const lnA1 = gammaln(r + x) - gammaln(r) + r * Math.log(alpha);
    const lnA2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x);
    const A3 = Math.pow(1 / (alpha + 38.86), r + x);
    const A4 = (a / (b + x - 1)) * Math.pow(1 / (alpha + 30.43), r + x);
    const expected = lnA1 + lnA2 + Math.log(A3 + A4);
    const actual = bgnbdCustomerLogLikelihood(published, { frequency: 2, recency: 30.43, T: 38.86 });
    expect(actual).toBeCloseTo(expected, 12);
    expect(actual).toBeCloseTo(-9.46, 2); // the spreadsheet's ln L for this customer, to its 2 decimals
  });

  it('has only the alive branch when x = 0: ln(Γ(r)α^r/(Γ(r)(α+T)^r)) = r ln(α/(α+T))', () => {
    const v = bgnbdCustomerLogLikelihood(published, { frequency: 0, recency: 0, T: 38.86 });
    expect(v).toBeCloseTo(published.r * Math.log(published.alpha / (published.alpha + 38.86)), 13);
  });

  it('rejects bad parameters and customers', () => {
    expect(() => bgnbdCustomerLogLikelihood({ ...published, a: 0 }, { frequency: 1, recency: 1, T: 2 })).toThrow(
      'bgnbdCustomerLogLikelihood requires positive finite parameters: a = 0',
    );
    expect(() => bgnbdCustomerLogLikelihood(published, { frequency: 1, recency: 3, T: 2 })).toThrow(ModelInputError);
  });
});

describe('bgnbdLogLikelihood (weighted sum with gradient)', () => {
  const rows = [
    { frequency: 0, recency: 0, T: 38.86 },
    { frequency: 2, recency: 30.43, T: 38.86 },
    { frequency: 2, recency: 30.43, T: 38.86 },
    { frequency: 7, recency: 29.43, T: 38.86 },
    { frequency: 1, recency: 0, T: 20.1 },
    { frequency: 60, recency: 37, T: 38 },
  ];
  const data = compressRfm(rows);

  it('equals the sum of the customer log-likelihoods', () => {
    const sum = rows.reduce((s, c) => s + bgnbdCustomerLogLikelihood(published, c), 0);
    expect(bgnbdLogLikelihood(published, data).value).toBeCloseTo(sum, 11);
  });

  it('has an analytic gradient equal to central differences in log-parameters', () => {
    const names = ['r', 'alpha', 'a', 'b'] as const;
    const { gradient } = bgnbdLogLikelihood(published, data);
    names.forEach((name, i) => {
      const h = 1e-6;
      const up = bgnbdLogLikelihood({ ...published, [name]: published[name] * Math.exp(h) }, data).value;
      const down = bgnbdLogLikelihood({ ...published, [name]: published[name] * Math.exp(-h) }, data).value;
      expect(gradient[i]).toBeCloseTo((up - down) / (2 * h), 6);
    });
  });
});
