import { describe, expect, it } from 'vitest';
import { quintileScore, rfmSegment, rfmSegments } from './rfm.js';

describe('quintileScore', () => {
  it('is 1 + floor(5 * percent_rank): 1 plus the cut points reached', () => {
    // Values 1, 1, 2, 3, 3, 3, 4: below each 0, 2, 3 and 6 of the other six, so scores 1, 2, 3 and 5 (1 + 5,
    // capped at 5). Cut point k is the smallest value with 5 * below >= k * 6: 2 (10 >= 6), 3 (15 >= 12),
    // 4 (30 >= 18), 4 (30 >= 24).
    const cuts = [2, 3, 4, 4] as const;
    expect([1, 2, 3, 4].map((v) => quintileScore(v, cuts))).toEqual([1, 2, 3, 5]);
    expect(quintileScore(5, [Infinity, Infinity, Infinity, Infinity])).toBe(1);
  });
});

describe('rfmSegment', () => {
  it('resolves Putler\'s eleven segments into the grid of docs/lifecycle.md (R by the mean of F and M)', () => {
    const fm = [1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5];
    const grid = [5, 4, 3, 2, 1].map((r) => `${r}: ${fm.map((x) => rfmSegment(r, x, x)).join(' ')}`);
    expect(grid).toEqual([
      '5: new new potential_loyalist potential_loyalist loyal loyal champions champions champions',
      '4: new new potential_loyalist potential_loyalist loyal loyal champions champions champions',
      '3: promising promising need_attention need_attention loyal loyal loyal loyal loyal',
      '2: about_to_sleep about_to_sleep about_to_sleep at_risk at_risk at_risk at_risk at_risk at_risk',
      '1: lost hibernating hibernating at_risk at_risk at_risk cannot_lose cannot_lose cannot_lose',
    ]);
    // Every segment is reachable.
    const reached = new Set([5, 4, 3, 2, 1].flatMap((r) => fm.map((x) => rfmSegment(r, x, x))));
    expect([...reached].sort()).toEqual([...rfmSegments].sort());
  });

  it('takes the mean of F and M, so 5 and 2 is FM 3.5', () => {
    expect(rfmSegment(3, 5, 2)).toBe('loyal');
    expect(rfmSegment(1, 1, 2)).toBe('hibernating');
    expect(rfmSegment(1, 1, 1)).toBe('lost');
  });
});
