import { describe, expect, it } from 'vitest';
import { integrate } from './integrate.js';

describe('integrate (tanh-sinh)', () => {
  it('handles smooth integrands and endpoint singularities', () => {
    expect(integrate((x) => x * x, 0, 3)).toBeCloseTo(9, 12);
    expect(integrate((x) => 1 / Math.sqrt(x), 0, 1)).toBeCloseTo(2, 12);
    expect(integrate((x) => Math.log(x), 0, 1)).toBeCloseTo(-1, 12);
    expect(integrate((x) => 1 / (1 + x * x), -1, 1)).toBeCloseTo(Math.PI / 2, 13);
  });

  it('is zero on an empty interval and rejects reversed limits', () => {
    expect(integrate(() => 1, 2, 2)).toBe(0);
    expect(() => integrate(() => 1, 2, 1)).toThrow(RangeError);
  });
});
