import { describe, expect, it } from 'vitest';
import { compressRfm } from './compress-rfm.js';
import { levels, pairLevels, rfmLevels } from './levels.js';

describe('levels / pairLevels', () => {
  it('factorises a column', () => {
    const l = levels(Float64Array.from([3, 1, 3, 2]));
    expect([...l.values]).toEqual([1, 2, 3]);
    expect([...l.index]).toEqual([2, 0, 2, 1]);
  });

  it('factorises pairs of levels', () => {
    const a = levels(Float64Array.from([0, 0, 1, 1, 0]));
    const b = levels(Float64Array.from([5, 6, 5, 5, 5]));
    const p = pairLevels(a, b);
    expect([...p.index]).toEqual([0, 1, 2, 2, 0]);
    expect([...p.first]).toEqual([0, 0, 1]);
    expect([...p.second]).toEqual([0, 1, 0]);
  });

  it('memoises the levels of a compressed table', () => {
    const data = compressRfm([{ frequency: 1, recency: 1, T: 2 }]);
    expect(rfmLevels(data)).toBe(rfmLevels(data));
  });
});
