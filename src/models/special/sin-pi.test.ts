import { describe, expect, it } from 'vitest';
import { sinPi } from './sin-pi.js';

describe('sinPi', () => {
  it('is exactly 0 at integers and exact at half-integers, even for large arguments', () => {
    for (const n of [0, 1, -3, 1e6, 2 ** 40]) expect(Math.abs(sinPi(n))).toBe(0);
    expect(sinPi(0.5)).toBe(1);
    expect(sinPi(-0.5)).toBe(-1);
    expect(sinPi(1e6 + 0.5)).toBe(1); // Math.sin(Math.PI * (1e6 + 0.5)) is off by about 1e-10
  });

  it('matches sin(πx) for moderate x', () => {
    for (const x of [0.1, 0.75, 1.3, -2.25]) expect(sinPi(x)).toBeCloseTo(Math.sin(Math.PI * x), 15);
  });
});
