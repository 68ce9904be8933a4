import { expect, it } from 'vitest';
import { poisson } from './poisson.js';
import { createRandom } from './random.js';
import { relativeError, sampleMoments } from './sample-moments.js';

// Each check draws 200,000 values and compares the sample mean and variance with the textbook formulas.
// Tolerances are relative and about 4 standard errors wide at this sample size.
// 0.3 and 3 use the product method, 25 and 400 the PTRS rejection method.
for (const lambda of [0.3, 3, 25, 400]) {
  it(`poisson(${lambda}): mean and variance both lambda`, () => {
    const { mean, variance } = sampleMoments((r) => poisson(r, lambda), createRandom(15, lambda * 10));
    expect(relativeError(mean, lambda)).toBeLessThan(lambda < 1 ? 0.02 : 0.01);
    expect(relativeError(variance, lambda)).toBeLessThan(0.03);
  });
}

it('poisson draws whole numbers, and 0 for mean 0', () => {
  const random = createRandom(16);
  expect(poisson(random, 0)).toBe(0);
  for (let i = 0; i < 1000; i++) expect(Number.isInteger(poisson(random, 40))).toBe(true);
});
