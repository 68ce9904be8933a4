import { describe, expect, it } from 'vitest';
import { compensatedSum } from './compensated-sum.js';

describe('compensatedSum', () => {
  it('recovers what plain summation loses', () => {
    const s = compensatedSum();
    for (const v of [1, 1e100, 1, -1e100]) s.add(v);
    expect(s.total()).toBe(2); // plain summation gives 0

    const t = compensatedSum();
    let plain = 0;
    for (let i = 0; i < 1_000_000; i++) {
      t.add(0.1);
      plain += 0.1;
    }
    expect(Math.abs(t.total() - 100000)).toBeLessThan(1e-9);
    expect(Math.abs(plain - 100000)).toBeGreaterThan(1e-7);
  });
});
