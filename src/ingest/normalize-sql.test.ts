/**
 * The SQL path (CSV, Parquet) and the zod path (JSON lines) check the same rules: the same rows through
 * both must land and be rejected alike, with the same fields named.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../testing/temp-store.js';
import { importFile } from './import-file.js';

let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(async () => temp.cleanup());

const rows: Array<Record<string, string>> = [
  { event: 'Order Completed', customer_id: 'c1', timestamp: '2024-01-05', amount: '10.50', currency: 'USD', channel: '' },
  { event: 'purchase', customer_id: 'c2', timestamp: '2024-01-06T08:00:00Z', amount: '3', currency: '', channel: '' },
  { event: 'order_completed', customer_id: 'c3', timestamp: '2024-02-30', amount: '1', currency: '', channel: '' },
  { event: 'order_completed', customer_id: 'c4', timestamp: '2024-01-05', amount: '-1', currency: '', channel: '' },
  { event: 'order_completed', customer_id: '', timestamp: '2024-01-05', amount: '1', currency: '', channel: '' },
  { event: 'order_completed', customer_id: 'c6', timestamp: '2024-01-05', amount: '1', currency: 'DOLLARS', channel: '' },
  { event: 'teleported', customer_id: 'c7', timestamp: '2024-01-05', amount: '', currency: '', channel: '' },
  { event: 'contact', customer_id: 'c8', timestamp: '2024-01-05', amount: '', currency: '', channel: 'pigeon' },
  { event: 'contact', customer_id: 'c9', timestamp: '2024-01-05', amount: '', currency: '', channel: 'phone' },
  { event: 'order_completed', customer_id: 'c10', timestamp: '2024-01-05', amount: '', currency: '', channel: '' },
];

function jsonLine(row: Record<string, string>): string {
  const object: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) if (value !== '') object[key] = key === 'amount' ? Number(value) : value;
  return JSON.stringify(object);
}

it('rejects the same rows for the same fields whether they come as CSV or as JSON lines', async () => {
  const columns = Object.keys(rows[0] ?? {});
  const csv = join(temp.dir, 'rows.csv');
  writeFileSync(csv, [columns.join(','), ...rows.map((r) => columns.map((c) => r[c]).join(','))].join('\n'));
  const jsonl = join(temp.dir, 'rows.jsonl');
  writeFileSync(jsonl, rows.map(jsonLine).join('\n'));

  const viaSql = await importFile(temp.store, csv);
  const other = await tempStore();
  try {
    const viaZod = await importFile(other.store, jsonl);
    expect(viaSql).toMatchObject({ accepted: 3, rejected: 7 });
    expect(viaZod).toMatchObject({ accepted: 3, rejected: 7 });
    expect(viaSql.rejects.map((r) => r.row)).toEqual([3, 4, 5, 6, 7, 8, 10]);
    expect(viaZod.rejects.map((r) => r.row)).toEqual([3, 4, 5, 6, 7, 8, 10]);
    // The fields named agree, up to the JSON path's "properties." prefix and its name for a missing revenue.
    const field = (f: string) => f.replace(/^properties\./, '').replace(/^revenue$/, 'amount');
    expect(viaZod.rejects.map((r) => field(r.field))).toEqual(viaSql.rejects.map((r) => field(r.field)));
  } finally {
    await other.cleanup();
  }
});
