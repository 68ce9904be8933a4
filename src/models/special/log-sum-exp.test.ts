import { describe, expect, it } from 'vitest';
import { logAddExp, logSubExp, logSumExp, signedLogSumExp } from './log-sum-exp.js';

describe('logSumExp', () => {
  it('does not overflow or underflow', () => {
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logSumExp([-1000, -1000, -1000])).toBeCloseTo(-1000 + Math.log(3), 12);
    expect(logSumExp([Math.log(1), Math.log(2), Math.log(3)])).toBeCloseTo(Math.log(6), 15);
  });

  it('handles -Infinity terms and empty input', () => {
    expect(logSumExp([])).toBe(-Infinity);
    expect(logSumExp([-Infinity, 0])).toBe(0);
  });
});

describe('logAddExp / logSubExp', () => {
  it('adds and subtracts in log space', () => {
    expect(logAddExp(0, 0)).toBeCloseTo(Math.LN2, 15);
    expect(logAddExp(-Infinity, 3)).toBe(3);
    expect(logAddExp(800, 0)).toBe(800);
    expect(logSubExp(Math.log(5), Math.log(3))).toBeCloseTo(Math.log(2), 15);
    // close terms: ln(1 - e^-d) = ln(d) - d/2 + O(d²) for an exactly representable d = 2^-40
    const d = Math.pow(2, -40);
    expect(logSubExp(0, -d)).toBeCloseTo(Math.log(d) - d / 2, 14);
    expect(logSubExp(2, 2)).toBe(-Infinity);
  });

  it('logSubExp rejects a negative difference', () => {
    expect(() => logSubExp(0, 1)).toThrow(RangeError);
  });
});

describe('signedLogSumExp', () => {
  it('returns magnitude and sign of a mixed-sign sum', () => {
    const r = signedLogSumExp([Math.log(2), Math.log(5)], [1, -1]);
    expect(r.sign).toBe(-1);
    expect(r.log).toBeCloseTo(Math.log(3), 15);
    expect(signedLogSumExp([1, 1], [1, -1])).toEqual({ log: -Infinity, sign: 0 });
  });
});
