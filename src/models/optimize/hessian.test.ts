import { describe, expect, it } from 'vitest';
import { hessianFromGradient, numericHessian } from './hessian.js';
import { invertSymmetric } from './invert-symmetric.js';
import { standardErrorsFromLogHessian } from './standard-errors.js';

describe('numericHessian / hessianFromGradient', () => {
  // f(x, y) = x²y + 3y³ + e^x: Hessian [[2y + e^x, 2x], [2x, 18y]] (by hand).
  const f = (p: readonly number[]) => (p[0] as number) ** 2 * (p[1] as number) + 3 * (p[1] as number) ** 3 + Math.exp(p[0] as number);
  const grad = (p: readonly number[]) => ({
    value: f(p),
    gradient: [2 * (p[0] as number) * (p[1] as number) + Math.exp(p[0] as number), (p[0] as number) ** 2 + 9 * (p[1] as number) ** 2],
  });
  const x = [0.7, -1.3];
  const exact = [
    [2 * -1.3 + Math.exp(0.7), 1.4],
    [1.4, 18 * -1.3],
  ];

  it('matches the hand-derived Hessian', () => {
    const h1 = numericHessian(f, x);
    const h2 = hessianFromGradient(grad, x);
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 2; j++) {
        expect(h1[i]?.[j]).toBeCloseTo(exact[i]?.[j] as number, 5);
        expect(h2[i]?.[j]).toBeCloseTo(exact[i]?.[j] as number, 8);
      }
    }
  });
});

describe('invertSymmetric', () => {
  it('inverts a symmetric matrix (checked by multiplying back)', () => {
    const m = [
      [4, 1, 0],
      [1, 3, 1],
      [0, 1, 2],
    ];
    const inv = invertSymmetric(m);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const v = m[i]!.reduce((s, mik, k) => s + mik * inv[k]![j]!, 0);
        expect(v).toBeCloseTo(i === j ? 1 : 0, 14);
      }
    }
    // det = 18, cofactor (1,1) = 3·2 - 1 = 5 → (m⁻¹)₁₁ = 5/18
    expect(inv[0]![0]).toBeCloseTo(5 / 18, 15);
  });

  it('inverts indefinite matrices and rejects singular ones', () => {
    expect(invertSymmetric([[0, 2], [2, 0]])).toEqual([[0, 0.5], [0.5, 0]]);
    expect(() => invertSymmetric([[1, 2], [2, 4]])).toThrow(RangeError);
  });
});

describe('standardErrorsFromLogHessian', () => {
  it('applies the delta method: se(θ) = θ se(ln θ), intervals exp(ln θ ± 1.96 se)', () => {
    // Diagonal Hessian 100 and 25 → se(ln θ) = 0.1 and 0.2.
    const logParams = [Math.log(2), Math.log(0.5)];
    const s = standardErrorsFromLogHessian(logParams, [[100, 0], [0, 25]]);
    expect(s.estimates[0]).toBeCloseTo(2, 15);
    expect(s.standardErrors[0]).toBeCloseTo(0.2, 14);
    expect(s.standardErrors[1]).toBeCloseTo(0.1, 14);
    expect(s.lower[0]).toBeCloseTo(2 * Math.exp(-1.959963984540054 * 0.1), 14);
    expect(s.upper[1]).toBeCloseTo(0.5 * Math.exp(1.959963984540054 * 0.2), 14);
  });

  it('gives null where the Hessian is not positive definite or singular', () => {
    const s = standardErrorsFromLogHessian([0, 0], [[-4, 0], [0, 4]]);
    expect(s.standardErrors).toEqual([null, 0.5]);
    expect(standardErrorsFromLogHessian([0, 0], [[1, 1], [1, 1]]).standardErrors).toEqual([null, null]);
  });
});

describe('invertPositiveDefinite', () => {
  it('inverts by Cholesky and returns null for matrices that are not positive definite', async () => {
    const { invertPositiveDefinite } = await import('./invert-symmetric.js');
    const inv = invertPositiveDefinite([
      [4, 1, 0],
      [1, 3, 1],
      [0, 1, 2],
    ]) as number[][];
    expect(inv[0]![0]).toBeCloseTo(5 / 18, 15); // cofactor / det, by hand
    expect(inv[1]![2]).toBeCloseTo(-4 / 18, 15);
    expect(invertPositiveDefinite([[1, 2], [2, 1]])).toBeNull();
    expect(invertPositiveDefinite([[-1]])).toBeNull();
  });
});
