import { describe, expect, it } from 'vitest';
import { endOfDay } from './time-unit.js';

describe('endOfDay', () => {
  it('is the first instant after the day, in UTC', () => {
    expect(endOfDay('2024-02-29').toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(endOfDay('2024-12-31').toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('refuses days and months that do not exist rather than rolling them over', () => {
    for (const day of ['2023-02-29', '2024-02-30', '2024-13-01', '2024-00-10', '2024-1-01', 'yesterday']) {
      expect(() => endOfDay(day)).toThrow(`--as-of ${JSON.stringify(day)} is not a date (use YYYY-MM-DD)`);
    }
  });
});
