import { expect, it } from 'vitest';
import { createRandom } from './random.js';
import { relativeError } from './sample-moments.js';
import { weightedChoice } from './weighted-choice.js';

it('weightedChoice picks in proportion to the weights, never a zero weight', () => {
  const pick = weightedChoice(['a', 'b', 'c', 'd'], [1, 0, 3, 6]);
  const random = createRandom(17);
  const counts: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
  for (let i = 0; i < 200_000; i++) counts[pick(random)]! += 1;
  expect(counts.b).toBe(0);
  expect(relativeError(counts.a! / 200_000, 0.1)).toBeLessThan(0.03);
  expect(relativeError(counts.c! / 200_000, 0.3)).toBeLessThan(0.01);
  expect(relativeError(counts.d! / 200_000, 0.6)).toBeLessThan(0.01);
});

it('weightedChoice rejects mismatched or empty tables', () => {
  expect(() => weightedChoice(['a'], [1, 2])).toThrow(/as many weights/);
  expect(() => weightedChoice(['a'], [0])).toThrow(/positive weight/);
});
