/**
 * Derived tables: typed columns taken from some events' JSON properties once, kept beside the event log
 * and brought up to date import by import before a report reads them.
 *
 * Why: reading a property out of JSON costs DuckDB a parse per row and per key, many times the cost of
 * scanning the row. A report over every subscription event of a large store would spend nearly all its
 * time parsing the same JSON again on every run. The event log stays the only truth: a derived table
 * holds nothing that cannot be made again from it, is never copied (`db copy` leaves it behind, and the
 * target makes its own), and is rebuilt from scratch when its definition's version changes.
 *
 * How it stays up to date: events arrive by imports, each with its id in `imports`. A refresh takes the
 * events of every import after the last one it took, up to the newest import it sees, plus those of the
 * imports that were still running last time (their rows are deleted and taken again, since more may have
 * landed since). On an unchanged store a refresh is one small query, with no lock and no write. On
 * PostgreSQL a refresh with work to do holds a lock on the bookkeeping table, so two refreshes at once
 * cannot both add the same rows.
 *
 * The new rows are staged in a temp table first (the JSON parsed once), the dictionaries extended from
 * them, and then they land in the table with their keys' numbers.
 */
import { forDialect } from './migrations/dialect.js';
import type { Dialect } from './sql-dialect.js';
import type { Store } from './store.js';
import { withTempTable } from './temp-table.js';

export interface DerivedTable {
  name: string;
  /** Bump when the columns or their meaning change: the table is then rebuilt. */
  version: number;
  /** The column definitions in DuckDB's SQL (mapped for PostgreSQL as migrations are), with `import_id INTEGER` among them. */
  columns: string;
  /** The SELECT of the new rows' raw values from `events`, for the events that satisfy `where`; staged in a temp table. */
  select(dialect: Dialect, where: string): string;
  /**
   * Dictionaries that give text keys of the staged rows stable integer numbers (1, 2, ... in the order
   * first seen), so that reports sort and group by integers rather than text. Each is a table
   * `(key VARCHAR PRIMARY KEY, no INTEGER)` named after the derived table, extended at each refresh
   * and rebuilt with it.
   */
  dictionaries?: readonly { name: string; key: string }[];
  /** The SELECT of the table's rows (in column order) from the staged rows (`staged`) and the dictionaries. */
  finish(dialect: Dialect, staged: string): string;
}

/** The table name of one of a derived table's dictionaries. */
export function dictionaryTable(table: DerivedTable, dictionary: string): string {
  return `${table.name}_${dictionary}`;
}

type Bookkeeping = {
  version: number;
  through_import: number;
  open_imports: string;
};

/** Brings `table` up to date with the event log (making it first if need be). */
export async function refreshDerivedTable(store: Store, table: DerivedTable): Promise<void> {
  await store.transaction(async (tx) => {
    // Most refreshes find nothing new: they read and leave, without the lock or a write, so reports
    // running at once do not queue behind each other.
    if (await upToDate(tx, table)) return;
    if (tx.dialect === 'postgres') await tx.run('LOCK TABLE derived_tables IN EXCLUSIVE MODE');
    const [kept] = await tx.query<Bookkeeping>('SELECT version, through_import, open_imports FROM derived_tables WHERE name = $1', [table.name]);
    const current = kept !== undefined && Number(kept.version) === table.version;
    if (!current) {
      await tx.run(`DROP TABLE IF EXISTS ${table.name}`);
      await tx.run(forDialect(`CREATE TABLE ${table.name} (${table.columns})`, tx.dialect));
      for (const dictionary of table.dictionaries ?? []) {
        const name = dictionaryTable(table, dictionary.name);
        await tx.run(`DROP TABLE IF EXISTS ${name}`);
        await tx.run(`CREATE TABLE ${name} (key VARCHAR PRIMARY KEY, no INTEGER NOT NULL)`);
      }
    }
    const through = current ? Number(kept.through_import) : -1;
    const reopened = current ? (JSON.parse(kept.open_imports) as number[]) : [];
    const [newest] = await tx.query<{ id: number | null }>('SELECT max(import_id) AS id FROM imports');
    const newestId = newest?.id === null || newest?.id === undefined ? -1 : Number(newest.id);
    const running = (await tx.query<{ id: number }>('SELECT import_id AS id FROM imports WHERE finished_at IS NULL AND import_id > $1 AND import_id <= $2', [through, newestId]))
      .map((row) => Number(row.id));
    if (newestId > through || reopened.length > 0) {
      // Ids are numbers from the store, written out as integers: nothing from outside reaches this SQL.
      const again = reopened.map((id) => String(Math.trunc(id))).join(', ');
      if (again) await tx.run(`DELETE FROM ${table.name} WHERE import_id IN (${again})`);
      const where = `((import_id > ${Math.trunc(through)} AND import_id <= ${Math.trunc(newestId)})${again ? ` OR import_id IN (${again})` : ''})`;
      await withTempTable(tx, staged, table.select(tx.dialect, where), [], async () => {
        for (const dictionary of table.dictionaries ?? []) await extendDictionary(tx, dictionaryTable(table, dictionary.name), dictionary.key);
        await tx.run(`INSERT INTO ${table.name} ${table.finish(tx.dialect, staged)}`);
      });
    }
    const stillOpen = [...new Set([...running, ...(await stillRunning(tx, reopened))])].sort((a, b) => a - b);
    await tx.run('DELETE FROM derived_tables WHERE name = $1', [table.name]);
    await tx.run('INSERT INTO derived_tables (name, version, through_import, open_imports, refreshed_at) VALUES ($1, $2, $3, $4, now())', [
      table.name, table.version, Math.max(through, newestId), JSON.stringify(stillOpen),
    ]);
  });
}

/** Whether `table` has its definition's version, every import up to the newest, and no import left open. */
async function upToDate(store: Store, table: DerivedTable): Promise<boolean> {
  const [row] = await store.query<{ version: number; through_import: number; open_imports: string; newest: number | null }>(
    `SELECT d.version, d.through_import, d.open_imports, (SELECT max(import_id) FROM imports) AS newest
     FROM derived_tables d WHERE d.name = $1`,
    [table.name],
  );
  if (!row || Number(row.version) !== table.version || row.open_imports !== '[]') return false;
  return row.newest === null || Number(row.newest) <= Number(row.through_import);
}

const staged = 'tenure_derived_staged';

/** Numbers the keys of the staged rows not in the dictionary yet, after the largest number in it. */
async function extendDictionary(store: Store, dictionary: string, key: string): Promise<void> {
  await store.run(`INSERT INTO ${dictionary} (key, no)
    SELECT k.key, base.n + CAST(row_number() OVER (ORDER BY k.key) AS INTEGER)
    FROM (SELECT DISTINCT ${key} AS key FROM ${staged} WHERE ${key} IS NOT NULL) k
    CROSS JOIN (SELECT CAST(coalesce(max(no), 0) AS INTEGER) AS n FROM ${dictionary}) base
    WHERE NOT EXISTS (SELECT 1 FROM ${dictionary} d WHERE d.key = k.key)`);
}

/** Which of the imports that were running last time still are. */
async function stillRunning(store: Store, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await store.query<{ id: number }>(`SELECT import_id AS id FROM imports WHERE finished_at IS NULL AND import_id IN (${ids.map((id) => String(Math.trunc(id))).join(', ')})`);
  return rows.map((row) => Number(row.id));
}
