import { describe, expect, it } from 'vitest';
import { quintileScore, rfmSegment, rfmSegments } from './rfm.js';

describe('quintileScore', () => {
  it('is ceil(5 * cume_dist): 1 plus the cut points reached', () => {
    // Values 1, 1, 2, 3, 3, 3, 4: cume_dist 2/7, 3/7, 6/7, 1, so scores 2, 3, 5, 5; the cut points are the
    // smallest values with 5 * (count at or below) > k * 7: 1 (10 > 7), 2 (15 > 14), 3 (30 > 21), 3 (30 > 28).
    const cuts = [1, 2, 3, 3] as const;
    expect([1, 2, 3, 4].map((v) => quintileScore(v, cuts))).toEqual([2, 3, 5, 5]);
    expect(quintileScore(0.5, cuts)).toBe(1);
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
