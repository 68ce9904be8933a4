import { expect, it } from 'vitest';
import { exponential } from './exponential.js';
import { createRandom } from './random.js';
import { relativeError, sampleMoments } from './sample-moments.js';

// Each check draws 200,000 values and compares the sample mean and variance with the textbook formulas.
// Tolerances are relative and about 4 standard errors wide at this sample size.
it('exponential(rate): mean 1/rate, variance 1/rate^2', () => {
  const { mean, variance } = sampleMoments((r) => exponential(r, 2.5), createRandom(11));
  expect(relativeError(mean, 1 / 2.5)).toBeLessThan(0.01);
  expect(relativeError(variance, 1 / 2.5 ** 2)).toBeLessThan(0.03);
});
