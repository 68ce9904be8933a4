import { describe, expect, it } from 'vitest';
import { compressRfm } from '../data/compress-rfm.js';
import { pnbdFit } from './fit.js';
import { pnbdExpectedTransactions, pnbdExpectedTransactionsNewCustomer, pnbdProbabilityAlive } from './predict.js';
import { pnbdScore } from './score.js';
import { pnbdSimulate } from './simulate.js';

const truth = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
const cohort = (n: number) => Float64Array.from({ length: n }, (_, i) => 39 - (i % 91) / 7);

describe('pnbdSimulate', () => {
  it('matches the model mean E[X(T)] on average', () => {
    const n = 100_000;
    const s = pnbdSimulate(truth, new Float64Array(n).fill(39), { seed: 4 });
    const mean = s.frequency.reduce((acc, v) => acc + v, 0) / n;
    expect(Math.abs(mean - pnbdExpectedTransactionsNewCustomer(truth, 39))).toBeLessThan(0.03);
  });

  it('round trip: fitting 100,000 simulated customers recovers the parameters', () => {
    const data = compressRfm(pnbdSimulate(truth, cohort(100_000), { seed: 11, resolution: 1 / 7 }));
    const fit = pnbdFit(data);
    for (const name of ['r', 'alpha', 's', 'beta'] as const) {
      expect(Math.abs(fit.params[name] - truth[name])).toBeLessThan(4 * (fit.standardErrors[name] as number));
      expect(Math.abs(fit.params[name] / truth[name] - 1)).toBeLessThan(0.25);
    }
  });
});

describe('pnbdScore', () => {
  it('equals the per-customer predictions', () => {
    const s = pnbdSimulate(truth, cohort(3000), { seed: 2, resolution: 1 / 7 });
    const scores = pnbdScore(truth, s, 52);
    for (let i = 0; i < 3000; i += 29) {
      const c = { frequency: s.frequency[i] as number, recency: s.recency[i] as number, T: s.T[i] as number };
      expect(scores.expectedTransactions[i]).toBeCloseTo(pnbdExpectedTransactions(truth, c, 52), 14);
      expect(scores.probabilityAlive[i]).toBeCloseTo(pnbdProbabilityAlive(truth, c), 15);
    }
  });

  it('names the offending row by index', () => {
    expect(() => pnbdScore(truth, { frequency: [0, 0], recency: [0, 1], T: [2, 4] }, 1)).toThrow(
      'pnbdScore requires recency 0 when frequency is 0: customer 1 has recency 1',
    );
  });
});
