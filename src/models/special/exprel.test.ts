import { describe, expect, it } from 'vitest';
import { exprel } from './exprel.js';

describe('exprel', () => {
  it('is (e^x - 1)/x and 1 at 0', () => {
    expect(exprel(0)).toBe(1);
    expect(exprel(1)).toBeCloseTo(Math.E - 1, 15);
    expect(exprel(-2)).toBeCloseTo((Math.exp(-2) - 1) / -2, 15);
    // both sides of the series switch at |x| = 1e-5 against the next Taylor term
    for (const x of [1e-5 * (1 - 1e-9), 1e-5 * (1 + 1e-9), -1e-5]) {
      expect(Math.abs(exprel(x) - (1 + x / 2 + (x * x) / 6))).toBeLessThan(1e-16 + (x * x * x) / 24 + 1e-16);
    }
    expect(exprel(1e-7)).toBeCloseTo(1 + 5e-8 + 1e-14 / 6, 15);
  });
});
