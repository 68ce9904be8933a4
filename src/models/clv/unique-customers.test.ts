import { describe, expect, it } from 'vitest';
import { uniqueHistories } from './unique-customers.js';

describe('uniqueHistories', () => {
  it('maps every customer to its distinct history, in first-seen order', () => {
    const u = uniqueHistories({ frequency: [1, 0, 1, 1, 0], recency: [2.5, 0, 2.5, 2.5, -0], T: [9, 9, 9, 8, 9] });
    expect(u.uniqueRows).toBe(3);
    expect(Array.from(u.rowOf)).toEqual([0, 1, 0, 2, 1]);
    expect(Array.from(u.firstOf)).toEqual([0, 1, 3]);
    expect(Array.from(u.T)).toEqual([9, 9, 8]);
  });

  it('keeps distinct histories apart as the table grows', () => {
    const n = 50_000;
    const frequency = Float64Array.from({ length: n }, (_, i) => i % 7);
    const recency = Float64Array.from({ length: n }, (_, i) => (i % 1000) / 7);
    const T = Float64Array.from({ length: n }, () => 200);
    const u = uniqueHistories({ frequency, recency, T });
    // (i mod 7, i mod 1000) repeats with period lcm(7, 1000) = 7000.
    expect(u.uniqueRows).toBe(7000);
    for (let i = 0; i < n; i += 997) {
      const r = u.rowOf[i]!;
      expect([u.frequency[r], u.recency[r], u.T[r]]).toEqual([frequency[i], recency[i], T[i]]);
    }
  });
});
