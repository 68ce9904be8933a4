import { describe, expect, it } from 'vitest';
import { betaVariate, createRandom, exponentialVariate, gammaVariate } from './random.js';

function moments(draw: () => number, n: number): { mean: number; variance: number } {
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const v = draw();
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / n;
  return { mean, variance: sumSq / n - mean * mean };
}

describe('seeded random variates', () => {
  it('is reproducible and uniform on [0, 1)', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const first = Array.from({ length: 5 }, a);
    expect(first).toEqual(Array.from({ length: 5 }, b));
    expect(first).not.toEqual(Array.from({ length: 5 }, createRandom(8)));
    const m = moments(createRandom(1), 200_000);
    expect(m.mean).toBeCloseTo(0.5, 2);
    expect(m.variance).toBeCloseTo(1 / 12, 3);
  });

  // Moments by hand: Gamma(k, rate θ) has mean k/θ and variance k/θ²;
  // Beta(a, b) mean a/(a+b), variance ab/((a+b)²(a+b+1)). Tolerances are about 4 standard errors.
  it.each([
    [0.243, 4.414],
    [0.606, 11.669],
    [3.5, 2],
  ])('Gamma(%d, rate %d) has the right mean and variance', (shape, rate) => {
    const random = createRandom(11);
    const n = 200_000;
    const m = moments(() => gammaVariate(random, shape, rate), n);
    const mean = shape / rate;
    const variance = shape / (rate * rate);
    expect(Math.abs(m.mean - mean)).toBeLessThan(4 * Math.sqrt(variance / n));
    expect(Math.abs(m.variance - variance) / variance).toBeLessThan(0.05);
  });

  it('Beta(0.793, 2.426) and Exponential(2) have the right moments', () => {
    const random = createRandom(3);
    const n = 200_000;
    const beta = moments(() => betaVariate(random, 0.793, 2.426), n);
    const s = 0.793 + 2.426;
    expect(Math.abs(beta.mean - 0.793 / s)).toBeLessThan(0.002);
    expect(Math.abs(beta.variance - (0.793 * 2.426) / (s * s * (s + 1)))).toBeLessThan(0.001);
    const exp = moments(() => exponentialVariate(random, 2), n);
    expect(Math.abs(exp.mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(exp.variance - 0.25)).toBeLessThan(0.01);
  });
});
