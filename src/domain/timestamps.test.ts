import { describe, expect, it } from 'vitest';
import { compileDateFormat, parseTimestamp } from './timestamps.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('parseTimestamp', () => {
  it('reads ISO dates, with and without a time and an offset, as UTC', () => {
    expect(iso(parseTimestamp('1997-01-01'))).toBe('1997-01-01T00:00:00.000Z');
    expect(iso(parseTimestamp('2020-03-04 05:06:07'))).toBe('2020-03-04T05:06:07.000Z');
    expect(iso(parseTimestamp('2020-03-04T05:06:07+02:00'))).toBe('2020-03-04T03:06:07.000Z');
    expect(iso(parseTimestamp('2020-03-04T05:06:07Z'))).toBe('2020-03-04T05:06:07.000Z');
  });
  it('reads YYYYMMDD, YYYY/MM/DD and DD.MM.YYYY', () => {
    expect(iso(parseTimestamp('19970325'))).toBe('1997-03-25T00:00:00.000Z');
    expect(iso(parseTimestamp('1997/03/25'))).toBe('1997-03-25T00:00:00.000Z');
    expect(iso(parseTimestamp('25.03.1997'))).toBe('1997-03-25T00:00:00.000Z');
  });
  it('reads slash dates in the given order', () => {
    expect(iso(parseTimestamp('03/04/2020'))).toBe('2020-03-04T00:00:00.000Z');
    expect(iso(parseTimestamp('03/04/2020', 'dmy'))).toBe('2020-04-03T00:00:00.000Z');
    expect(parseTimestamp('25/12/2020', 'mdy')).toBeNull();
  });
  it('rejects impossible dates instead of rolling them over', () => {
    expect(parseTimestamp('2021-02-29')).toBeNull();
    expect(parseTimestamp('19971301')).toBeNull();
    expect(parseTimestamp('yesterday')).toBeNull();
    expect(parseTimestamp('')).toBeNull();
  });
  it('reads epoch seconds and milliseconds', () => {
    expect(iso(parseTimestamp(0))).toBe('1970-01-01T00:00:00.000Z');
    expect(iso(parseTimestamp(1_600_000_000_000))).toBe('2020-09-13T12:26:40.000Z');
  });
});

describe('compileDateFormat', () => {
  it('compiles tokens to a parser and a strftime pattern', () => {
    const format = compileDateFormat('DD/MM/YYYY HH:mm');
    expect(format.strftime).toBe('%d/%m/%Y %H:%M');
    expect(iso(format.parse('31/12/2020 23:59'))).toBe('2020-12-31T23:59:00.000Z');
    expect(format.parse('12/31/2020 23:59')).toBeNull();
  });
  it('says which tokens it needs', () => {
    expect(() => compileDateFormat('HH:mm')).toThrow(/needs a year, a month and a day/);
  });
});
