/** The store's settings table: what every report and the importer read from it. */
import type { Store } from './store.js';

/** The currency every amount in the store is in (set when the store is made; USD unless changed). */
export async function reportingCurrency(store: Store): Promise<string> {
  const [row] = await store.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'reporting_currency'`);
  return row?.value ?? 'USD';
}
