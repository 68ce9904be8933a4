import { describe, expect, it } from 'vitest';
import { hyp2f1 } from '../special/hyp2f1.js';
import { logUnitHypergeometric, logUnitHypergeometricWithGradient } from './unit-hypergeometric.js';

describe('ln 2F1(1, b; c; z) with gradient', () => {
  const cases: Array<[number, number, number]> = [
    [1.553, 3.159, 0.09],
    [27.55, 29.16, 0.5],
    [0.606, 28.16, 0.97],
    [2.2, 4.1, 0.9999], // beyond the series limit: transformation path
  ];

  it.each(cases)('b = %d, c = %d, z = %d matches hyp2f1 and central differences', (b, c, z) => {
    const v = logUnitHypergeometricWithGradient(b, c, z, 1 - z);
    expect(v.log).toBeCloseTo(Math.log(hyp2f1(1, b, c, z)), 12);
    expect(logUnitHypergeometric(b, c, z, 1 - z)).toBeCloseTo(v.log, 12);
    const h = 1e-6;
    const f = (bb: number, cc: number, zz: number) => Math.log(hyp2f1(1, bb, cc, zz));
    expect(v.dB).toBeCloseTo((f(b + h, c, z) - f(b - h, c, z)) / (2 * h), 6);
    expect(v.dC).toBeCloseTo((f(b, c + h, z) - f(b, c - h, z)) / (2 * h), 6);
    const hz = 1e-7 * (1 - z);
    expect(v.dZ / ((f(b, c, z + hz) - f(b, c, z - hz)) / (2 * hz)) - 1).toBeCloseTo(0, 5);
  });

  it('is 0 with dZ = b/c at z = 0', () => {
    expect(logUnitHypergeometricWithGradient(2, 5, 0, 1)).toEqual({ log: 0, dB: 0, dC: 0, dZ: 0.4 });
  });

  it('uses the exact complement where z rounds to 1, and gives NaN (never throws) where it underflows', () => {
    // 2F1(1, b; c; z) with c - 1 - b = 1: the value near z = 1 is finite, (c-1)/(c-1-b) at z = 1.
    const w = 1e-18; // z = 1 - 1e-18 rounds to 1
    expect(Math.exp(logUnitHypergeometric(2, 4, 1, w))).toBeCloseTo(3, 12);
    expect(Number.isNaN(logUnitHypergeometric(2, 4, 1, 0))).toBe(true);
    expect(Number.isNaN(logUnitHypergeometricWithGradient(2, 4, 1, 0).log)).toBe(true);
  });
});
