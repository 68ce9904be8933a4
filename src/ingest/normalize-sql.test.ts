/**
 * The SQL path (CSV, Parquet) and the zod path (JSON lines) check the same rules: the same rows through
 * both must land and be rejected alike, with the same fields named.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import { engineTitle, testEngines } from '../testing/test-stores.js';
import { importFile } from './import-file.js';

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

for (const engine of testEngines) {
  describe.skipIf(Boolean(engine.skip))(engineTitle(engine, 'the SQL and zod checks'), () => {
    it('reject the same rows for the same fields whether they come as CSV or as JSON lines', async () => {
      const temp = await engine.open();
      const other = await engine.open();
      try {
        await checkBothPaths(temp.store, other.store, temp.dir);
      } finally {
        await other.cleanup();
        await temp.cleanup();
      }
    });
  });
}

async function checkBothPaths(store: Store, otherStore: Store, dir: string): Promise<void> {
  const columns = Object.keys(rows[0] ?? {});
  const csv = join(dir, 'rows.csv');
  writeFileSync(csv, [columns.join(','), ...rows.map((r) => columns.map((c) => r[c]).join(','))].join('\n'));
  const jsonl = join(dir, 'rows.jsonl');
  writeFileSync(jsonl, rows.map(jsonLine).join('\n'));

  const viaSql = await importFile(store, csv);
  const viaZod = await importFile(otherStore, jsonl);
  expect(viaSql).toMatchObject({ accepted: 3, rejected: 7 });
  expect(viaZod).toMatchObject({ accepted: 3, rejected: 7 });
  expect(viaSql.rejects.map((r) => r.row)).toEqual([3, 4, 5, 6, 7, 8, 10]);
  expect(viaZod.rejects.map((r) => r.row)).toEqual([3, 4, 5, 6, 7, 8, 10]);
  // The fields named agree, up to the JSON path's "properties." prefix and its name for a missing revenue.
  const field = (f: string) => f.replace(/^properties\./, '').replace(/^revenue$/, 'amount');
  expect(viaZod.rejects.map((r) => field(r.field))).toEqual(viaSql.rejects.map((r) => field(r.field)));
}
