import { describe, expect, it } from 'vitest';
import { ModelInputError } from '../errors.js';
import { bgbbProbabilityAlive } from './probability-alive.js';

const params = { alpha: 1.2035, beta: 0.7497, gamma: 0.6567, delta: 2.7834 };

describe('bgbbProbabilityAlive', () => {
  it('matches Table 6 of Fader, Hardie and Shang (2010), P(alive in 2002)', () => {
    // Table 6 (also lifetimes' test_prob_alive_is_close_to_Hardie_paper_table_6): last donation in 1995 with 0
    // repeats: 0.11; in 1999 with 2 repeats: 0.59; in 2001 with 6 repeats: 0.93. Published to two decimals.
    expect(bgbbProbabilityAlive(params, { frequency: 0, recency: 0, periods: 6 })).toBeCloseTo(0.11, 2);
    expect(bgbbProbabilityAlive(params, { frequency: 2, recency: 4, periods: 6 })).toBeCloseTo(0.59, 2);
    expect(bgbbProbabilityAlive(params, { frequency: 6, recency: 6, periods: 6 })).toBeCloseTo(0.93, 2);
  });

  it('is 1 at opportunity n for a customer who transacted at n, and falls with periodsAhead', () => {
    const customer = { frequency: 4, recency: 6, periods: 6 };
    expect(bgbbProbabilityAlive(params, customer, 0)).toBe(1);
    expect(bgbbProbabilityAlive(params, customer, 3)).toBeLessThan(bgbbProbabilityAlive(params, customer, 1));
  });

  it('rejects fractional periodsAhead and impossible histories', () => {
    expect(() => bgbbProbabilityAlive(params, { frequency: 1, recency: 1, periods: 6 }, 0.5)).toThrow(ModelInputError);
    expect(() => bgbbProbabilityAlive(params, { frequency: 1, recency: 0, periods: 6, id: 7 })).toThrow(/customer 7/);
  });
});
