import { describe, expect, it } from 'vitest';
import { addInterval, addIntervalToDay, monthlyFactor } from './billing-interval.js';

const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

describe('billing intervals', () => {
  it('moves a day by months from its anchor, clamping to the end of shorter months', () => {
    expect(addIntervalToDay(day('2026-01-31'), 'month', 1)).toBe(day('2026-02-28'));
    expect(addIntervalToDay(day('2024-01-31'), 'month', 1)).toBe(day('2024-02-29'));
    expect(addIntervalToDay(day('2026-01-31'), 'month', 2)).toBe(day('2026-03-31'));
    expect(addIntervalToDay(day('2026-11-15'), 'quarter', 1)).toBe(day('2027-02-15'));
    expect(addIntervalToDay(day('2024-02-29'), 'year', 1)).toBe(day('2025-02-28'));
    expect(addIntervalToDay(day('2026-03-01'), 'week', 2)).toBe(day('2026-03-15'));
    expect(addIntervalToDay(day('1969-12-31'), 'day', 1)).toBe(day('1970-01-01'));
  });

  it('agrees with the instant arithmetic on every day of eight years', () => {
    for (let d = day('2022-01-01'); d < day('2030-01-01'); d++) {
      for (const [interval, count] of [['month', 1], ['month', 5], ['quarter', 1], ['year', 1]] as const) {
        expect(addIntervalToDay(d, interval, count)).toBe(addInterval(d * 86_400_000, interval, count) / 86_400_000);
      }
    }
  });

  it('normalises a payment to a month as ChartMogul does', () => {
    expect(monthlyFactor('year', 1)).toBeCloseTo(1 / 12, 15);
    expect(monthlyFactor('quarter', 1)).toBeCloseTo(1 / 3, 15);
    expect(monthlyFactor('month', 6)).toBeCloseTo(1 / 6, 15);
    expect(monthlyFactor('week', 1)).toBeCloseTo(52 / 12, 15);
    expect(monthlyFactor('day', 1)).toBeCloseTo(365 / 12, 15);
  });
});
