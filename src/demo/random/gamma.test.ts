import { expect, it } from 'vitest';
import { gamma } from './gamma.js';
import { createRandom } from './random.js';
import { relativeError, sampleMoments } from './sample-moments.js';

// Each check draws 200,000 values and compares the sample mean and variance with the textbook formulas.
// Tolerances are relative and about 4 standard errors wide at this sample size.
// Shapes cover the boost branch (CDNOW's BG/NBD r = 0.24, alpha = 4.4), the exponential case and Gamma-Gamma's p.
for (const [shape, scale] of [
  [0.24, 1 / 4.4],
  [1, 2],
  [6.25, 3],
] as const) {
  it(`gamma(shape ${shape}, scale ${scale.toFixed(3)}): mean k*theta, variance k*theta^2`, () => {
    const { mean, variance } = sampleMoments((r) => gamma(r, shape, scale), createRandom(13, shape * 100));
    expect(relativeError(mean, shape * scale)).toBeLessThan(0.02);
    // Shape 0.24 is very skewed (kurtosis 6 + 6/k), so its variance converges slowly.
    expect(relativeError(variance, shape * scale * scale)).toBeLessThan(shape < 1 ? 0.08 : 0.03);
  });
}

it('gamma rejects a shape that is not positive', () => {
  expect(() => gamma(createRandom(1), 0)).toThrow(/positive shape/);
});
