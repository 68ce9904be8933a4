/**
 * A derived table follows the event log import by import: made on first use, extended by later imports,
 * an import that was still running taken again once it has finished, rebuilt when its version changes.
 * On DuckDB and on PostgreSQL when TENURE_TEST_POSTGRES_URL is set.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineTitle, testEngines, type TestStore } from '../testing/test-stores.js';
import { refreshDerivedTable, type DerivedTable } from './derived-tables.js';
import { jsonFields } from './sql-dialect.js';

/** The `n` property of every order, as an integer column. */
const numbers = (version = 1): DerivedTable => ({
  name: 'derived_test_numbers',
  version,
  columns: 'import_id INTEGER NOT NULL, n INTEGER',
  select(dialect, where) {
    const json = jsonFields(dialect, 'properties', ['n'], 'p');
    return `SELECT import_id, CAST(${json.field('n')} AS INTEGER) * ${version} AS n, customer_id FROM (SELECT import_id, customer_id, ${json.parse} FROM events WHERE kind = 'order_completed' AND ${where}) t`;
  },
  dictionaries: [{ name: 'customers', key: 'customer_id' }],
  finish: (_dialect, staged) => `SELECT import_id, n FROM ${staged}`,
});

for (const engine of testEngines) {
  describe.skipIf(engine.skip)(engineTitle(engine, 'refreshDerivedTable'), () => {
    let test: TestStore;
    beforeEach(async () => {
      test = await engine.open();
    });
    afterEach(() => test?.cleanup());

    const startImport = (id: number) => test.store.run(`INSERT INTO imports (import_id, source, format, started_at) VALUES ($1, 'test', 'jsonl', now())`, [id]);
    const finishImport = (id: number) => test.store.run('UPDATE imports SET finished_at = now() WHERE import_id = $1', [id]);
    const order = (importId: number, n: number, customer = 'c') =>
      test.store.run(`INSERT INTO events (kind, customer_id, occurred_at, properties, import_id) VALUES ('order_completed', $3, TIMESTAMP '2026-01-01 12:00:00', CAST($1 AS JSON), $2)`, [
        JSON.stringify({ n }),
        importId,
        customer,
      ]);
    const dictionary = async () => (await test.store.query<{ key: string; no: number }>('SELECT key, no FROM derived_test_numbers_customers ORDER BY no')).map((row) => [row.key, Number(row.no)]);
    const contents = async () => (await test.store.query<{ n: number }>('SELECT n FROM derived_test_numbers ORDER BY n')).map((row) => Number(row.n));

    it('takes each import once, and a running one again when it has finished', async () => {
      await startImport(1);
      await order(1, 1);
      await order(1, 2);
      await finishImport(1);
      await startImport(2);
      await order(2, 3); // import 2 is still running
      await refreshDerivedTable(test.store, numbers());
      expect(await contents()).toEqual([1, 2, 3]);

      await order(2, 4); // more of import 2 lands, then it finishes
      await finishImport(2);
      await refreshDerivedTable(test.store, numbers());
      expect(await contents()).toEqual([1, 2, 3, 4]);

      await refreshDerivedTable(test.store, numbers()); // nothing new: nothing changes
      await startImport(3);
      await order(3, 5, 'b');
      await finishImport(3);
      await refreshDerivedTable(test.store, numbers());
      expect(await contents()).toEqual([1, 2, 3, 4, 5]);
      // Numbers are given in the order keys are first seen, and kept: 'b' comes after 'c'.
      expect(await dictionary()).toEqual([['c', 1], ['b', 2]]);
    });

    it('rebuilds the table when the definition changes', async () => {
      await startImport(1);
      await order(1, 1);
      await order(1, 2);
      await finishImport(1);
      await refreshDerivedTable(test.store, numbers(1));
      expect(await contents()).toEqual([1, 2]);
      await refreshDerivedTable(test.store, numbers(10));
      expect(await contents()).toEqual([10, 20]);
    });
  });
}
