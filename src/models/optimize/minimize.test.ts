import { describe, expect, it } from 'vitest';
import { minimize } from './minimize.js';
import type { Objective } from './types.js';

const rosenbrock: Objective = (p) => {
  const x = p[0] as number;
  const y = p[1] as number;
  return {
    value: (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    gradient: [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
  };
};

describe('minimize (BFGS, strong Wolfe)', () => {
  it('finds the Rosenbrock minimum (1, 1) from the classic start (-1.2, 1)', () => {
    const result = minimize(rosenbrock, [-1.2, 1], { gradientTolerance: 1e-10 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 8);
    expect(result.x[1]).toBeCloseTo(1, 8);
    expect(result.value).toBeLessThan(1e-16);
    expect(result.iterations).toBeLessThan(60);
  });

  it('solves a quadratic ½xᵀAx - bᵀx exactly at x = A⁻¹b', () => {
    const A = [
      [4, 1, 0],
      [1, 3, 1],
      [0, 1, 2],
    ];
    const b = [1, 2, 3];
    // Solution by hand (Cramer's rule): det A = 4(6-1) - 1(2-0) = 18;
    // x1 = det[[1,1,0],[2,3,1],[3,1,2]]/18 = (1·5 - 1·1 + 0)/18 = 4/18
    // x2 = det[[4,1,0],[1,2,1],[0,3,2]]/18 = (4·1 - 1·2 + 0)/18 = 2/18
    // x3 = det[[4,1,1],[1,3,2],[0,1,3]]/18 = (4·7 - 1·3 + 1·1)/18 = 26/18
    const expected = [4 / 18, 2 / 18, 26 / 18];
    const quadratic: Objective = (x) => {
      const Ax = A.map((row) => row.reduce((s, v, j) => s + v * (x[j] as number), 0));
      return {
        value: 0.5 * Ax.reduce((s, v, i) => s + v * (x[i] as number), 0) - b.reduce((s, v, i) => s + v * (x[i] as number), 0),
        gradient: Ax.map((v, i) => v - (b[i] as number)),
      };
    };
    const result = minimize(quadratic, [10, -10, 5]);
    expect(result.converged).toBe(true);
    result.x.forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 7));
    // BFGS with exact-enough line searches ends a 3-d quadratic in a handful of steps.
    expect(result.iterations).toBeLessThanOrEqual(10);
  });

  it('backs off from steps where the objective is not finite', () => {
    // f(x) = x - ln x is NaN for x < 0; minimum at x = 1.
    const f: Objective = (p) => {
      const x = p[0] as number;
      return { value: x - Math.log(x), gradient: [1 - 1 / x] };
    };
    const result = minimize(f, [0.01], { gradientTolerance: 1e-10 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
  });

  it('reports non-convergence as data, never throws', () => {
    const result = minimize(rosenbrock, [-1.2, 1], { maxIterations: 3 });
    expect(result).toMatchObject({ converged: false, iterations: 3, message: 'maximum iterations reached' });
    expect(result.evaluations).toBeGreaterThan(3);
    expect(result.gradientNorm).toBeGreaterThan(1e-6);

    const bad = minimize(() => ({ value: NaN, gradient: [0] }), [0]);
    expect(bad).toMatchObject({
      converged: false,
      iterations: 0,
      message: 'objective or gradient is not finite at the starting point',
    });
  });
});

describe('minimize options', () => {
  it('starts from a given inverse Hessian: one exact Newton step on a quadratic', () => {
    // f = 2x² + xy + y² - x; Hessian [[4,1],[1,2]], inverse [[2,-1],[-1,4]]/7, minimum at (2/7, -1/7).
    const f: Objective = (p) => {
      const x = p[0] as number;
      const y = p[1] as number;
      return { value: 2 * x * x + x * y + y * y - x, gradient: [4 * x + y - 1, x + 2 * y] };
    };
    const result = minimize(f, [5, 5], { initialInverseHessian: [[2 / 7, -1 / 7], [-1 / 7, 4 / 7]] });
    expect(result.iterations).toBe(1);
    expect(result.x[0]).toBeCloseTo(2 / 7, 12);
    expect(result.x[1]).toBeCloseTo(-1 / 7, 12);
  });

  it('never lets a trial step move a coordinate by more than maxStep', () => {
    const visited: number[][] = [];
    const f: Objective = (p) => {
      visited.push(p.slice());
      const x = p[0] as number;
      return { value: (x - 100) ** 2, gradient: [2 * (x - 100)] };
    };
    const result = minimize(f, [0], { maxStep: 3, initialInverseHessian: [[0.5]] });
    expect(result.converged).toBe(true);
    // Iterates climb monotonically toward 100, so every trial lies within 3 of the furthest point seen before it.
    let furthest = 0;
    for (const point of visited) {
      expect(point[0] as number).toBeLessThanOrEqual(furthest + 3 + 1e-12);
      furthest = Math.max(furthest, point[0] as number);
    }
    expect(visited.length).toBeGreaterThan(30); // 100 units at most 3 at a time
  });
});
