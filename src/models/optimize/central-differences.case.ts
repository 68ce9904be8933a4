/**
 * Test helper: the gradient of an objective's value by central differences, what the models' analytic
 * log-space gradients are checked against. Test-only (*.case.ts is left out of builds).
 */
import type { Objective } from './types.js';

/** (f(z + h e_k) - f(z - h e_k)) / 2h for every coordinate k. */
export function centralDifferences(objective: Objective, z: readonly number[], h: number): number[] {
  return z.map((_, k) => {
    const up = z.slice();
    const down = z.slice();
    up[k]! += h;
    down[k]! -= h;
    return (objective(up).value - objective(down).value) / (2 * h);
  });
}
