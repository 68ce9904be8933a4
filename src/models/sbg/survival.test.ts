import { describe, expect, it } from 'vitest';
import { highEnd, highEndHoldout, regular, regularHoldout } from './cohorts.case.js';
import { sbgChurnProbability, sbgRetentionRate, sbgSurvival } from './survival.js';

const highEndFit = { alpha: 0.668, beta: 3.806 };
const regularFit = { alpha: 0.704, beta: 1.182 };

describe('sbgSurvival', () => {
  it('projects the held-out years 8-12 of Table 1 from the published 7-year fits', () => {
    // Fader and Hardie (2007) show the sBG projections tracking years 8-12 closely; the largest gap at the
    // published parameters is 1.6 points (high end, year 12), so we allow 2.
    highEndHoldout.forEach((pct, i) => expect(Math.abs(100 * sbgSurvival(highEndFit, 8 + i) - pct)).toBeLessThan(2));
    regularHoldout.forEach((pct, i) => expect(Math.abs(100 * sbgSurvival(regularFit, 8 + i) - pct)).toBeLessThan(2));
  });

  it('reproduces the calibration years within 2 points', () => {
    for (const [fit, data] of [
      [highEndFit, highEnd],
      [regularFit, regular],
    ] as const) {
      for (const row of data) expect(Math.abs(sbgSurvival(fit, row.period) * 1000 - row.active)).toBeLessThan(20);
    }
  });

  it('is the product of the retention rates and one minus the cumulative churn probabilities', () => {
    let product = 1;
    let churned = 0;
    for (let t = 1; t <= 20; t++) {
      product *= sbgRetentionRate(highEndFit, t);
      churned += sbgChurnProbability(highEndFit, t);
      expect(sbgSurvival(highEndFit, t)).toBeCloseTo(product, 12);
      expect(sbgSurvival(highEndFit, t)).toBeCloseTo(1 - churned, 12);
    }
    expect(sbgSurvival(highEndFit, 0)).toBe(1);
  });
});

describe('sbgRetentionRate', () => {
  it('rises over time, as in Fader and Hardie (2007) eq. 8', () => {
    // r(1) = beta / (alpha + beta) = 3.806 / 4.474 for the high-end segment.
    expect(sbgRetentionRate(highEndFit, 1)).toBeCloseTo(3.806 / 4.474, 12);
    expect(sbgRetentionRate(highEndFit, 10)).toBeGreaterThan(sbgRetentionRate(highEndFit, 2));
    expect(() => sbgRetentionRate(highEndFit, 0)).toThrow(/requires the period to be a whole number >= 1: got 0/);
  });
});
