import { describe, expect, it } from 'vitest';
import { centsToDecimal, decimalToCents, localPrice, rateToReporting, toReportingCents } from './money.js';

describe('money', () => {
  it('writes cents as two-decimal strings and reads them back', () => {
    for (const [cents, text] of [
      [0, '0.00'],
      [5, '0.05'],
      [1234, '12.34'],
      [100000, '1000.00'],
      [-250, '-2.50'],
    ] as const) {
      expect(centsToDecimal(cents)).toBe(text);
      expect(decimalToCents(text)).toBe(cents);
    }
  });

  it('prices in local currency end in 9', () => {
    expect(localPrice(3200, 'USD')).toBe(3200);
    expect(localPrice(3200, 'EUR') % 10).toBe(9);
    expect(localPrice(3200, 'GBP')).toBeLessThan(3200);
  });

  it('gives no rate for USD and a 4-decimal rate near the typical one otherwise', () => {
    const at = Date.UTC(2025, 5, 1);
    expect(rateToReporting('USD', at)).toBeNull();
    expect(rateToReporting('EUR', at)).toMatch(/^1\.\d{4}$/);
    expect(Math.abs(Number(rateToReporting('GBP', at)) - 1.29)).toBeLessThan(0.07);
    expect(toReportingCents(1000, '1.1000')).toBe(1100);
    expect(toReportingCents(1000, null)).toBe(1000);
  });
});
