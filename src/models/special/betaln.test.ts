import { describe, expect, it } from 'vitest';
import { betaln } from './betaln.js';

describe('betaln', () => {
  it('matches closed forms', () => {
    expect(betaln(1, 1)).toBeCloseTo(0, 15);
    expect(betaln(2, 3)).toBeCloseTo(Math.log(1 / 12), 14); // B(2,3) = 1!2!/4! = 1/12
    expect(betaln(0.5, 0.5)).toBeCloseTo(Math.log(Math.PI), 14); // B(1/2,1/2) = π
    expect(betaln(1, 7.5)).toBeCloseTo(-Math.log(7.5), 14); // B(1,b) = 1/b
  });

  it('is symmetric', () => {
    expect(betaln(0.793, 2.426 + 5)).toBe(betaln(2.426 + 5, 0.793));
  });
});
