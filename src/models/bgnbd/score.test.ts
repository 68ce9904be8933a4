import { describe, expect, it } from 'vitest';
import { loadCdnowSummary } from '../data/cdnow-fixture.case.js';
import { bgnbdExpectedTransactions, bgnbdProbabilityAlive } from './predict.js';
import { bgnbdScore } from './score.js';

const cdnowFit = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 };

describe('bgnbdScore', () => {
  it('equals the per-customer predictions on all CDNOW customers', () => {
    const cdnow = loadCdnowSummary();
    const scores = bgnbdScore(cdnowFit, cdnow, 39);
    for (let i = 0; i < cdnow.frequency.length; i++) {
      const c = { frequency: cdnow.frequency[i] as number, recency: cdnow.recency[i] as number, T: cdnow.T[i] as number };
      expect(scores.expectedTransactions[i]).toBe(bgnbdExpectedTransactions(cdnowFit, c, 39));
      expect(scores.probabilityAlive[i]).toBe(bgnbdProbabilityAlive(cdnowFit, c));
    }
    // Sanity bounds on the base's expected week 40-78 total (the actual holdout count in
    // FHL 2005 is of this order); the exact values are checked row by row above.
    const total = scores.expectedTransactions.reduce((s, v) => s + v, 0);
    expect(total).toBeGreaterThan(1000);
    expect(total).toBeLessThan(2000);
  });

  it('names the offending row by id', () => {
    expect(() => bgnbdScore(cdnowFit, { frequency: [1, 2], recency: [1, 5], T: [2, 4], id: ['a', 'b'] }, 1)).toThrow(
      'bgnbdScore requires 0 <= recency <= T: customer "b" has recency 5 and T 4',
    );
  });
});
