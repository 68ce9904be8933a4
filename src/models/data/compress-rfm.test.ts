import { describe, expect, it } from 'vitest';
import { ModelInputError } from '../errors.js';
import { compressRfm } from './compress-rfm.js';

describe('compressRfm', () => {
  it('collapses identical histories, sums weights and sorts rows', () => {
    const out = compressRfm([
      { frequency: 2, recency: 3, T: 10 },
      { frequency: 0, recency: 0, T: 10 },
      { frequency: 2, recency: 3, T: 10, weight: 2.5 },
      { frequency: 0, recency: -0, T: 10 },
      { frequency: 0, recency: 0, T: 8, weight: 0 },
    ]);
    expect(out.uniqueRows).toBe(2);
    expect(out.customers).toBe(5.5);
    expect([...out.frequency]).toEqual([0, 2]);
    expect([...out.recency]).toEqual([0, 3]);
    expect([...out.T]).toEqual([10, 10]);
    expect([...out.weight]).toEqual([2, 3.5]);
    expect(Object.isFrozen(out)).toBe(true);
  });

  it('accepts columns and compresses many rows', () => {
    const n = 100_000;
    const frequency = new Float64Array(n);
    const recency = new Float64Array(n);
    const T = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      frequency[i] = i % 5;
      recency[i] = frequency[i] === 0 ? 0 : (i % 7) / 7;
      T[i] = 3 + (i % 3);
    }
    const out = compressRfm({ frequency, recency, T });
    // x = 0 rows: 3 values of T; x = 1..4: 7 recencies × 3 Ts, but the i mod 5, 7, 3
    // cycle (period 105) reaches each (x, recency, T) combination exactly once.
    expect(out.uniqueRows).toBe(3 + 4 * 7 * 3);
    expect(out.customers).toBe(n);
  });

  it('allows frequency > 0 with recency 0 and T = 0 for x = 0', () => {
    expect(compressRfm([{ frequency: 3, recency: 0, T: 4 }, { frequency: 0, recency: 0, T: 0 }]).uniqueRows).toBe(2);
  });

  it('names the customer (index, or id when given) and the broken rule', () => {
    const bad = () => compressRfm([{ frequency: 1, recency: 2, T: 5 }, { frequency: 1, recency: 6, T: 5 }], 'bgnbdFit');
    expect(bad).toThrow(ModelInputError);
    expect(bad).toThrow('bgnbdFit requires 0 <= recency <= T: customer 1 has recency 6 and T 5');
    expect(() => compressRfm([{ frequency: 0, recency: 2, T: 5, id: 'c-7' }])).toThrow(
      'compressRfm requires recency 0 when frequency is 0: customer "c-7" has recency 2',
    );
    expect(() => compressRfm({ frequency: [1.5], recency: [1], T: [2] })).toThrow(
      'compressRfm requires frequency to be a whole number >= 0: customer 0 has frequency 1.5',
    );
    expect(() => compressRfm({ frequency: [-1], recency: [0], T: [2] })).toThrow(/frequency to be a whole number/);
    expect(() => compressRfm({ frequency: [0], recency: [0], T: [NaN] })).toThrow(/T to be a finite number/);
    expect(() => compressRfm({ frequency: [0], recency: [0], T: [1], weight: [-2] })).toThrow(
      'compressRfm requires weight to be a finite number >= 0: customer 0 has weight -2',
    );
    expect(() => compressRfm({ frequency: [0, 1], recency: [0], T: [1, 2] })).toThrow(/columns of equal length/);
    try {
      bad();
    } catch (e) {
      expect(e).toMatchObject({ customer: 1, field: 'recency' });
    }
  });
});
