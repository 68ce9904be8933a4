import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineTitle, testEngines, type TestStore } from '../testing/test-stores.js';
import { readTableColumns } from './read-batches.js';
import type { TableColumn } from './table-columns.js';
import { withBatchWriter } from './write-batches.js';

const columns: readonly TableColumn[] = [
  { name: 'id', type: 'integer' },
  { name: 'name', type: 'varchar' },
  { name: 'value', type: 'double' },
];

// Text that COPY's text format would have to escape, non-ASCII text, and doubles that only survive exactly
// when they travel as their bits (or as their shortest round-trip text).
const names = ['plain', 'tab\there', 'new\nline', 'back\\slash', 'carriage\rreturn', 'ünïcødé ✓ 𝄞', '', null];
const values = [0.1 + 0.2, -0, 1e-310, Number.MAX_VALUE, Math.PI / 3, 5e-324, -123.456, null];

for (const engine of testEngines) {
  describe.skipIf(Boolean(engine.skip))(engineTitle(engine, 'withBatchWriter and readTableColumns'), () => {
    let empty: TestStore;
    beforeAll(async () => {
      empty = await engine.open();
      await empty.store.run('CREATE TABLE t (id INTEGER NOT NULL, name VARCHAR, value DOUBLE PRECISION)');
    });
    afterAll(async () => empty?.cleanup());

    it('writes batches given column by column and reads them back the same, column by column', async () => {
      const { store } = empty;
      const ids = names.map((_, i) => i + 1);
      await withBatchWriter(store, async (writer) => {
        await writer.append('t', columns, [ids.slice(0, 3), names.slice(0, 3), Float64Array.from(values.slice(0, 3), (v) => v ?? 0)]);
        await writer.append('t', columns, [ids.slice(3), names.slice(3), values.slice(3)]);
      });
      const batches: unknown[][][] = [];
      await readTableColumns(store, 't', columns, 5, async (batch, rows) => {
        expect(batch.every((column) => column.length === rows)).toBe(true);
        batches.push(batch);
      });
      const read = [0, 1, 2].map((c) => batches.flatMap((b) => b[c] as unknown[]));
      // A fresh table is read back in the order it was written, on both engines.
      expect(read).toEqual([ids, names, values]);
      expect(Object.is(read[2]?.[1], -0)).toBe(true);
    });

    it('reads a larger table in several batches, every row once', async () => {
      const { store } = empty;
      await store.run('CREATE TABLE many (id INTEGER NOT NULL, name VARCHAR, value DOUBLE PRECISION)');
      const ids = Array.from({ length: 5000 }, (_, i) => i);
      await withBatchWriter(store, (writer) =>
        writer.append('many', columns, [ids, ids.map((i) => `customer ${i}`), Float64Array.from(ids, (i) => i / 7)]),
      );
      const sizes: number[] = [];
      const read: unknown[] = [];
      await readTableColumns(store, 'many', columns, 1000, async (batch, rows) => {
        sizes.push(rows);
        read.push(...(batch[0] as unknown[]));
      });
      expect(sizes.length).toBeGreaterThan(1);
      expect(read).toEqual(ids);
    });

    it('lands nothing when the work fails, however much was written', async () => {
      const { store } = empty;
      await store.run('DELETE FROM t');
      await expect(
        withBatchWriter(store, async (writer) => {
          await writer.run('INSERT INTO t (id, name, value) VALUES ($1, $2, $3)', [100, 'parent', 1]);
          await writer.append('t', columns, [[101, 102], ['a', 'b'], [1, 2]]);
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      // A value the table refuses, in the second batch: the first batch goes too.
      await expect(
        withBatchWriter(store, async (writer) => {
          await writer.append('t', columns, [[1], ['a'], [1]]);
          await writer.append('t', columns, [[null], ['b'], [2]]);
        }),
      ).rejects.toThrow(/null/i);
      expect(await store.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 0 }]);
    });

    it('refuses a column list that is not the table', async () => {
      const wrong = [columns[1], columns[0], columns[2]] as TableColumn[];
      await expect(withBatchWriter(empty.store, (writer) => writer.append('t', wrong, [['a'], [1], [1]]))).rejects.toThrow('cannot append to t: its columns are id, name, value, not name, id, value');
    });
  });
}
