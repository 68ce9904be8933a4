import { describe, expect, it } from 'vitest';
import { DAY, HOUR, addInterval, demoWindow, isoDate, minutesUntilOpen, onLocalDay } from './calendar.js';
import { createRandom } from './random/random.js';

describe('demoWindow', () => {
  it('ends with the whole last day and starts whole years before', () => {
    const window = demoWindow(new Date('2026-09-30T00:00:00Z'), 2);
    expect(new Date(window.start).toISOString()).toBe('2024-10-01T00:00:00.000Z');
    expect(new Date(window.end).toISOString()).toBe('2026-10-01T00:00:00.000Z');
  });

  it('counts fractions of a year as 365.25 days', () => {
    const window = demoWindow(new Date('2026-09-30T15:00:00Z'), 0.5);
    expect((window.end - window.start) / DAY).toBe(183);
  });
});

describe('addInterval', () => {
  const jan31 = Date.UTC(2025, 0, 31, 10, 30);

  it('clamps to the month end but counts from the anchor', () => {
    expect(isoDate(addInterval(jan31, 'month', 1))).toBe('2025-02-28');
    expect(isoDate(addInterval(jan31, 'month', 2))).toBe('2025-03-31');
    expect(isoDate(addInterval(Date.UTC(2024, 0, 31), 'month', 1))).toBe('2024-02-29');
  });

  it('keeps the time of day and handles weeks, quarters and years', () => {
    expect(new Date(addInterval(jan31, 'quarter', 1)).toISOString()).toBe('2025-04-30T10:30:00.000Z');
    expect(new Date(addInterval(jan31, 'year', 1)).toISOString()).toBe('2026-01-31T10:30:00.000Z');
    expect(addInterval(jan31, 'week', 2) - jan31).toBe(14 * DAY);
    expect(addInterval(jan31, 'day', 3) - jan31).toBe(3 * DAY);
    expect(isoDate(addInterval(Date.UTC(2024, 1, 29), 'year', 1))).toBe('2025-02-28');
  });
});

describe('isoDate', () => {
  it('agrees with Date#toISOString', () => {
    for (let at = Date.UTC(1999, 11, 25); at < Date.UTC(2031, 0, 1); at += 37 * HOUR) {
      expect(isoDate(at)).toBe(new Date(at).toISOString().slice(0, 10));
    }
  });
});

describe('minutesUntilOpen', () => {
  // 2025-03-05 is a Wednesday; the desk opens 08:00-20:00 local, Monday to Friday.
  it('is 0 in opening hours, local time', () => {
    expect(minutesUntilOpen(Date.UTC(2025, 2, 5, 12), 0)).toBe(0);
    expect(minutesUntilOpen(Date.UTC(2025, 2, 5, 14), -5)).toBe(0); // 09:00 in New York
  });

  it('counts to the next opening at night and over the weekend', () => {
    expect(minutesUntilOpen(Date.UTC(2025, 2, 5, 6), 0)).toBe(120);
    expect(minutesUntilOpen(Date.UTC(2025, 2, 5, 21), 0)).toBe(11 * 60);
    // Friday 21:00 -> Monday 08:00
    expect(minutesUntilOpen(Date.UTC(2025, 2, 7, 21), 0)).toBe((3 * 24 - 13) * 60);
    // Saturday noon in Berlin (UTC+1) -> Monday 08:00 Berlin
    expect(minutesUntilOpen(Date.UTC(2025, 2, 8, 11), 1)).toBe((44 * 60));
  });
});

describe('onLocalDay', () => {
  it('stays on the same local day and prefers daytime', () => {
    const random = createRandom(5);
    const noonNewYork = Date.UTC(2025, 2, 5, 17);
    let night = 0;
    for (let i = 0; i < 10_000; i++) {
      const at = onLocalDay(random, noonNewYork, -5);
      const localHour = new Date(at - 5 * HOUR).getUTCHours();
      expect(new Date(at - 5 * HOUR).getUTCDate()).toBe(5);
      if (localHour < 6) night += 1;
    }
    expect(night / 10_000).toBeLessThan(0.05);
  });
});
