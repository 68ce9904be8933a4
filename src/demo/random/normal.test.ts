import { expect, it } from 'vitest';
import { normal } from './normal.js';
import { createRandom } from './random.js';
import { relativeError, sampleMoments } from './sample-moments.js';

// Each check draws 200,000 values and compares the sample mean and variance with the textbook formulas.
// Tolerances are relative and about 4 standard errors wide at this sample size.
it('normal(mean, sd): mean and variance sd^2', () => {
  const { mean, variance } = sampleMoments((r) => normal(r, 3, 2), createRandom(12));
  expect(relativeError(mean, 3)).toBeLessThan(0.01);
  expect(relativeError(variance, 4)).toBeLessThan(0.02);
});
