import { expect, it } from 'vitest';
import { beta } from './beta.js';
import { createRandom } from './random.js';
import { relativeError, sampleMoments } from './sample-moments.js';

// Each check draws 200,000 values and compares the sample mean and variance with the textbook formulas.
// Tolerances are relative and about 4 standard errors wide at this sample size.
for (const [a, b] of [
  [0.79, 2.43],
  [2, 5],
] as const) {
  it(`beta(${a}, ${b}): mean a/(a+b), variance ab/((a+b)^2 (a+b+1))`, () => {
    const { mean, variance } = sampleMoments((r) => beta(r, a, b), createRandom(14, a * 100));
    expect(relativeError(mean, a / (a + b))).toBeLessThan(0.01);
    expect(relativeError(variance, (a * b) / ((a + b) ** 2 * (a + b + 1)))).toBeLessThan(0.03);
  });
}
