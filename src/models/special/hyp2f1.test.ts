import { describe, expect, it } from 'vitest';
import { gammaln } from './gammaln.js';
import { hyp2f1, hyp2f1Estimate } from './hyp2f1.js';
import { integrate } from './integrate.js';

const rel = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

/**
 * Euler's integral Γ(c)/(Γ(b)Γ(c-b)) ∫₀¹ t^(b-1) (1-t)^(c-b-1) (1-zt)^(-a) dt, for c > b > 0,
 * split at 1/2 so that each half sees its singular endpoint at 0 with an exact complement.
 */
function eulerIntegral(a: number, b: number, c: number, z: number): number {
  const k = Math.exp(gammaln(c) - gammaln(b) - gammaln(c - b));
  const g = (t: number, oneMinusT: number) =>
    Math.pow(t, b - 1) * Math.pow(oneMinusT, c - b - 1) * Math.pow(1 - z + z * oneMinusT, -a);
  return k * (integrate((t) => g(t, 1 - t), 0, 0.5) + integrate((s) => g(1 - s, s), 0, 0.5));
}

describe('hyp2f1 closed forms', () => {
  it('2F1(1,1;2;z) = -ln(1-z)/z in every region (integer c-a-b = 0 near 1)', () => {
    for (const z of [0.1, 0.5, 0.89, 0.95, 0.999, 0.999999, -0.5, -10, -1e6]) {
      expect(rel(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z)).toBeLessThan(1e-13);
    }
  });

  it('2F1(a,b;b;z) = (1-z)^-a (negative non-integer c-a-b)', () => {
    for (const z of [0.3, 0.97, 0.9999, -3]) {
      expect(rel(hyp2f1(0.7, 2.3, 2.3, z), Math.pow(1 - z, -0.7))).toBeLessThan(1e-13);
    }
  });

  it('2F1(1,1;1;z) = 1/(1-z) (negative integer c-a-b, Euler then 15.3.11)', () => {
    expect(rel(hyp2f1(1, 1, 1, 0.99), 100)).toBeLessThan(1e-13);
  });

  it('2F1(1/2,1/2;3/2;z²) = arcsin(z)/z (c-a-b = 1/2)', () => {
    for (const x of [0.5, 0.99, 0.99999]) {
      expect(rel(hyp2f1(0.5, 0.5, 1.5, x * x), Math.asin(x) / x)).toBeLessThan(1e-13);
    }
  });

  it('2F1(1/2,1;3/2;-z²) = arctan(z)/z (Pfaff for z < 0)', () => {
    for (const x of [0.3, 1, 3, 1000]) {
      expect(rel(hyp2f1(0.5, 1, 1.5, -x * x), Math.atan(x) / x)).toBeLessThan(1e-13);
    }
  });

  it('2F1(1,1;3;z) = 2[(1-z)ln(1-z) + z]/z² (integer c-a-b = 1, 15.3.11)', () => {
    for (const z of [0.2, 0.95, 0.9999]) {
      const expected = (2 * ((1 - z) * Math.log1p(-z) + z)) / (z * z);
      expect(rel(hyp2f1(1, 1, 3, z), expected)).toBeLessThan(1e-12);
    }
  });

  it('is continuous where c-a-b passes within 1e-5 of an integer', () => {
    const z = 0.97;
    const at = hyp2f1(0.6, 0.9, 2.5, z); // c-a-b = 1 exactly
    for (const gap of [1e-12, 1e-9, 3e-6, 2e-5]) {
      const slope = (hyp2f1(0.6, 0.9, 2.5 + gap, z) - at) / gap;
      const slopeFar = (hyp2f1(0.6, 0.9, 2.5 + 1e-3, z) - at) / 1e-3;
      expect(Math.abs(slope - slopeFar) / Math.abs(slopeFar)).toBeLessThan(gap < 1e-10 ? 0.05 : 2e-3);
    }
  });

  it('Gauss theorem at z = 1 and polynomials', () => {
    // 2F1(1,1;3;1) = Γ(3)Γ(1)/(Γ(2)Γ(2)) = 2
    expect(hyp2f1(1, 1, 3, 1)).toBeCloseTo(2, 14);
    // 2F1(-2,b;c;z) = 1 - 2bz/c + b(b+1)z²/(c(c+1))
    const b = 1.5;
    const c = 2.5;
    const z = -7;
    expect(hyp2f1(-2, b, c, z)).toBeCloseTo(1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1)), 12);
  });

  it('rejects arguments outside its domain', () => {
    expect(() => hyp2f1(1, 1, 2, 1.5)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
    expect(() => hyp2f1(NaN, 1, 2, 0.5)).toThrow(RangeError);
  });
});

describe('hyp2f1 against Euler integral (second method)', () => {
  // Parameter shapes met in the models: Pareto/NBD 2F1(r+s+x, s+1; r+s+x+1; z),
  // BG/NBD 2F1(r+x, b+x; a+b+x-1; z) after Euler's transformation.
  const cases: Array<[number, number, number, number]> = [
    [0.553 + 0.606 + 2, 0.606 + 1, 0.553 + 0.606 + 3, 0.6],
    [0.553 + 0.606 + 2, 0.606 + 1, 0.553 + 0.606 + 3, 0.995],
    [0.553 + 0.606 + 40, 0.553 + 40, 0.553 + 0.606 + 41, 0.93],
    [1.976, 0.45, 2.219, 0.947],
    [3.3, 1.2, 4.9, 0.9999],
    [-0.207, 2.1, 2.5, 0.95],
  ];
  it.each(cases)('2F1(%d, %d; %d; %d)', (a, b, c, z) => {
    const expected = eulerIntegral(a, b, c, z);
    expect(rel(hyp2f1(a, b, c, z), expected)).toBeLessThan(1e-11);
  });

  it('reports small error estimates on these cases', () => {
    expect(hyp2f1Estimate(3.3, 1.2, 4.9, 0.9999).error).toBeLessThan(1e-12);
  });
});

describe('hyp2f1Complement', () => {
  it('keeps precision when z = 1 - w rounds to 1', async () => {
    const { hyp2f1Complement } = await import('./hyp2f1.js');
    // 2F1(1,1;2;1-w) = -ln(w)/(1-w), with w far below the spacing of doubles near 1.
    for (const w of [1e-3, 1e-12, 1e-20]) {
      expect(rel(hyp2f1Complement(1, 1, 2, w), -Math.log(w) / (1 - w))).toBeLessThan(1e-13);
    }
    expect(() => hyp2f1Complement(1, 1, 2, 0)).toThrow(RangeError);
  });
});
