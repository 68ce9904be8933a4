/**
 * Test fixture: the CDNOW 1/10 sample summary (lifetimes' cdnow_customers_summary_with_transactions.csv), read
 * from ../shared/data, never copied: x and zbar per customer, as spend rows named by the customer's id.
 * Test-only (*.case.ts is left out of builds).
 */
import { readFileSync } from 'node:fs';
import type { SpendRow } from './types.js';

export function cdnowSpend(): SpendRow[] {
  const text = readFileSync(new URL('../../../../shared/data/cdnow/cdnow_customers_summary_with_transactions.csv', import.meta.url), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [id, x, , , zbar] = line.split(',');
      return { id: Number(id), frequency: Number(x), monetaryValue: Number(zbar) };
    });
}
