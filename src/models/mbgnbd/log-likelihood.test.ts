import { describe, expect, it } from 'vitest';
import { compressRfm } from '../data/compress-rfm.js';
import { betaln } from '../special/betaln.js';
import { gammaln } from '../special/gammaln.js';
import { mbgnbdCustomerLogLikelihood, mbgnbdLogLikelihood } from './log-likelihood.js';

const p = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };

/** BTYDplus' xbgcnbd.LL with k = 1, dropout_at_zero = TRUE, written out by hand. */
function btydplusLL(x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const P2 = betaln(a, b + x + 1) - betaln(a, b);
  const P3 = gammaln(r + x) - gammaln(r) + r * Math.log(alpha);
  const P4 = -(r + x) * Math.log(alpha + T);
  const S1 = (a / (b + x)) * Math.pow((alpha + T) / (alpha + tx), r + x);
  return P2 + P3 + P4 + Math.log(S1 + 1);
}

describe('mbgnbdCustomerLogLikelihood', () => {
  it('equals the BTYDplus formula, including x = 0 where a customer may have dropped out at once', () => {
    for (const [x, tx, T] of [
      [0, 0, 38.86],
      [2, 30.43, 38.86],
      [7, 29.43, 38.86],
      [40, 1, 50],
    ] as const) {
      expect(mbgnbdCustomerLogLikelihood(p, { frequency: x, recency: tx, T })).toBeCloseTo(btydplusLL(x, tx, T), 11);
    }
  });

  it('has an analytic gradient equal to central differences', () => {
    const data = compressRfm([
      { frequency: 0, recency: 0, T: 30 },
      { frequency: 3, recency: 12, T: 30 },
      { frequency: 15, recency: 29, T: 31, weight: 4 },
    ]);
    const { gradient } = mbgnbdLogLikelihood(p, data);
    (['r', 'alpha', 'a', 'b'] as const).forEach((name, i) => {
      const h = 1e-6;
      const up = mbgnbdLogLikelihood({ ...p, [name]: p[name] * Math.exp(h) }, data).value;
      const down = mbgnbdLogLikelihood({ ...p, [name]: p[name] * Math.exp(-h) }, data).value;
      expect(gradient[i]).toBeCloseTo((up - down) / (2 * h), 6);
    });
  });
});
