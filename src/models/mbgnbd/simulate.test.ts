import { describe, expect, it } from 'vitest';
import { compressRfm } from '../data/compress-rfm.js';
import { mbgnbdFit } from './fit.js';
import { mbgnbdExpectedTransactions, mbgnbdProbabilityAlive } from './predict.js';
import { mbgnbdScore } from './score.js';
import { mbgnbdSimulate } from './simulate.js';

const truth = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
const cohort = (n: number) => Float64Array.from({ length: n }, (_, i) => 39 - (i % 91) / 7);

describe('mbgnbdSimulate', () => {
  it('round trip: fitting 100,000 simulated customers recovers the parameters', () => {
    const data = compressRfm(mbgnbdSimulate(truth, cohort(100_000), { seed: 7, resolution: 1 / 7 }));
    const fit = mbgnbdFit(data);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.params[name] - truth[name])).toBeLessThan(4 * (fit.standardErrors[name] as number));
      expect(Math.abs(fit.params[name] / truth[name] - 1)).toBeLessThan(0.1);
    }
  });

  it('lets customers drop out at time 0: more zero-purchase customers than BG/NBD would give', () => {
    const s = mbgnbdSimulate(truth, new Float64Array(50_000).fill(39), { seed: 3 });
    const zeros = s.frequency.filter((x) => x === 0).length / 50_000;
    // P(X(39) = 0) = b/(a+b)·(α/(α+39))^r + a/(a+b), by hand ≈ 0.6735; se of the share ≈ 0.002
    const { r, alpha, a, b } = truth;
    expect(Math.abs(zeros - ((b / (a + b)) * Math.pow(alpha / (alpha + 39), r) + a / (a + b)))).toBeLessThan(0.01);
  });
});

describe('mbgnbdScore', () => {
  it('equals the per-customer predictions', () => {
    const s = mbgnbdSimulate(truth, cohort(2000), { seed: 2, resolution: 1 / 7 });
    const scores = mbgnbdScore(truth, s, 26);
    for (let i = 0; i < 2000; i += 37) {
      const c = { frequency: s.frequency[i] as number, recency: s.recency[i] as number, T: s.T[i] as number };
      expect(scores.expectedTransactions[i]).toBe(mbgnbdExpectedTransactions(truth, c, 26));
      expect(scores.probabilityAlive[i]).toBe(mbgnbdProbabilityAlive(truth, c));
    }
  });
});
