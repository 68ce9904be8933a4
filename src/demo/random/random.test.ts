import { describe, expect, it } from 'vitest';
import { createRandom, mixSeed } from './random.js';
import { sampleMoments } from './sample-moments.js';

describe('createRandom', () => {
  it('repeats the same sequence for the same parts and differs for others', () => {
    const a = createRandom(7, 1);
    const b = createRandom(7, 1);
    const c = createRandom(7, 2);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
  });

  it('keeps the high half of large seeds', () => {
    expect(mixSeed([2 ** 32 + 5])).not.toBe(mixSeed([5]));
  });

  it('is uniform on [0, 1): mean 1/2, variance 1/12', () => {
    const { mean, variance } = sampleMoments((r) => r.next(), createRandom(1));
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 3);
  });

  it('gives every integer in [0, n) about equally often', () => {
    const random = createRandom(3);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[random.int(6)]! += 1;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(400);
  });
});
