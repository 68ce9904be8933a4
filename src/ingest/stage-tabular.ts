/**
 * Stages a CSV or Parquet file: DuckDB reads it in parallel and `normalizeQuery` types and checks every
 * row in the same pass, into the temp table `staged`. The view `staged_rows` adds each row's number.
 *
 * Row numbers: `staged` keeps file order, so its rowid is the row's position among the lines DuckDB could
 * parse. Lines it could not parse (too many columns, an unterminated quote) are recorded by
 * `store_rejects`; the view shifts the numbers past them, so a reported row is the row in the file.
 */
import type { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import type { DateFormat, DateOrder } from '../domain/timestamps.js';
import type { Reject } from '../domain/event.js';
import { resolveMapping, type ColumnMapping } from './column-mapping.js';
import { normalizeQuery, sqlString, stagedColumns, type StagedColumn } from './normalize-sql.js';
import type { SniffedFile } from './sniff-file.js';
import { dateOrderEvidenceSql } from './timestamp-sql.js';

export interface StageTabularOptions {
  path: string;
  sniffed: SniffedFile;
  mapping: ColumnMapping;
  dateFormat?: DateFormat | undefined;
  dateOrder?: DateOrder | undefined;
  /** Share of the file read so far (0 to 1), while the staging pass runs. */
  onProgress?: ((fraction: number) => void) | undefined;
}

export interface StagedTabular {
  mapping: ColumnMapping;
  dateOrder: DateOrder;
  /** Lines the reader itself could not parse, already numbered as data rows. */
  malformed: Reject[];
}

const identifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function parquetColumns(store: DuckDbStore, path: string): Promise<string[]> {
  const rows = await store.query<{ name: string }>(`SELECT name FROM parquet_schema(${sqlString(path)}) WHERE num_children IS NULL OR num_children = 0`);
  return rows.map((r) => r.name).filter((n) => n !== 'schema');
}

export async function stageTabular(store: DuckDbStore, options: StageTabularOptions): Promise<StagedTabular> {
  const { path, sniffed } = options;
  const file = sqlString(path);
  const skip = sniffed.header ? 1 : 0;
  let columns = sniffed.columns;
  let relation: string;
  /** strict: stop at a malformed line; keep: set malformed lines aside with their numbers; sample: skip them. */
  let csvRelation: ((mode: 'strict' | 'keep' | 'sample') => string) | undefined;
  let column: (name: string) => string;
  const readerChecks: Array<{ when: string; field: string; reason: string }> = [];

  if (sniffed.format === 'parquet') {
    columns = await parquetColumns(store, path);
    relation = `read_parquet(${file})`;
    column = (name) => `NULLIF(trim(CAST(${identifier(name)} AS VARCHAR)), '')`;
  } else if (sniffed.delimiter === 'whitespace') {
    // DuckDB has no "runs of whitespace" delimiter: read whole lines and split them here.
    relation = `(SELECT regexp_split_to_array(trim(line), '\\s+') AS parts FROM read_csv(${file}, auto_detect=false,
      columns={'line': 'VARCHAR'}, header=false, skip=${skip}, delim='\\x1f', quote='', escape='', strict_mode=false) WHERE trim(line) <> '')`;
    column = (name) => `NULLIF(parts[${columns.indexOf(name) + 1}], '')`;
    readerChecks.push({
      when: `len(raw_parts) > ${columns.length}`,
      field: '(row)',
      reason: `'has ' || len(raw_parts) || ' fields; expected ${columns.length}'`,
    });
  } else {
    const types = `{${columns.map((c) => `${sqlString(c)}: 'VARCHAR'`).join(', ')}}`;
    // DuckDB reads an empty field as NULL already; trimming is only needed when the sample shows padding.
    column = sniffed.padded ? (name) => `NULLIF(trim(${identifier(name)}), '')` : (name) => identifier(name);
    const modes = {
      strict: 'strict_mode=true',
      keep: `strict_mode=true, store_rejects=true, rejects_table='import_malformed', rejects_scan='import_malformed_scan'`,
      sample: 'strict_mode=false, ignore_errors=true',
    };
    csvRelation = (mode) => `read_csv(${file}, auto_detect=false, columns=${types}, header=false, skip=${skip},
      delim=${sqlString(sniffed.delimiter)}, quote='"', escape='"', null_padding=true, ${modes[mode]})`;
    relation = csvRelation('strict');
  }

  const mapping = resolveMapping(columns, options.mapping);
  const mappedColumns = new Set(Object.values(mapping));
  const extraColumns = columns.filter((c) => !mappedColumns.has(c));

  let dateOrder = options.dateOrder ?? 'mdy';
  if (!options.dateFormat && !options.dateOrder && mapping.timestamp) {
    // A sample is enough to see the date order; malformed lines are skipped for it, not reported.
    const sample = csvRelation ? csvRelation('sample') : relation;
    await store.run(`CREATE OR REPLACE TEMP VIEW source_rows AS SELECT ${column(mapping.timestamp)} AS ts FROM ${sample} LIMIT 200000`);
    const [evidence] = await store.query<{ day_first: number; month_first: number }>(dateOrderEvidenceSql('ts'));
    if (evidence && evidence.day_first > 0 && evidence.month_first > 0) {
      throw new Error(`the dates in ${mapping.timestamp} mix day-first and month-first forms: say which with --date-format (for example DD/MM/YYYY)`);
    }
    if (evidence && evidence.day_first > 0) dateOrder = 'dmy';
  }

  const whitespace = sniffed.format === 'csv' && sniffed.delimiter === 'whitespace';
  const normalizeOptions = { mapping, column, extraColumns, dateOrder, dateFormat: options.dateFormat, readerChecks, ...(whitespace ? { carry: { raw_parts: 'parts' } } : {}) };
  const query = normalizeQuery(normalizeOptions, relation);
  await store.run('DROP TABLE IF EXISTS staged');
  let keptMalformed = false;
  try {
    const create = `CREATE TEMP TABLE staged AS ${query.sql}`;
    if (options.onProgress) await store.runWithProgress(create, options.onProgress);
    else await store.run(create);
  } catch (error) {
    // A well-formed file is read once, at full speed. Only when the strict read fails is it read again,
    // keeping the lines DuckDB cannot parse aside (with their line numbers) instead of stopping.
    if (!csvRelation) throw error;
    await store.run(`CREATE TEMP TABLE staged AS ${normalizeQuery(normalizeOptions, csvRelation('keep')).sql}`);
    keptMalformed = true;
  }

  let malformed: Reject[] = [];
  if (keptMalformed) {
    const rows = await store.query<{ line: number; column_name: string | null; error_message: string; csv_line: string | null }>(
      `SELECT DISTINCT line, column_name, error_message, csv_line FROM import_malformed ORDER BY line`,
    );
    malformed = rows.map((r) => ({ row: Number(r.line) - skip, field: r.column_name ?? '(row)', reason: describeMalformed(r.error_message), raw: r.csv_line ?? undefined }) as Reject);
    await store.run('DROP TABLE IF EXISTS import_malformed');
    await store.run('DROP TABLE IF EXISTS import_malformed_scan');
  }
  await createStagedRowsView(store, malformed.map((m) => m.row), { columns: query.columns, constants: query.constants });
  return { mapping, dateOrder, malformed };
}

function describeMalformed(message: string): string {
  if (/unterminated quote/i.test(message)) return 'has an unterminated quote: the rest of the file was read as one value';
  const columns = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (columns) return `has ${columns[2]} fields; expected ${columns[1]}`;
  return message.split('\n')[0] ?? message;
}

/**
 * The view `staged_rows` over `staged`: every staged column (absent ones as constants or NULL), the
 * reject split into field and reason, and each row's number in the file. Dropped rows are data rows the
 * reader could not parse, sorted ascending: the k-th kept row (1-based) is file row
 * k + #{i : dropped_i - i < k}.
 */
async function createStagedRowsView(
  store: DuckDbStore,
  droppedRows: readonly number[],
  layout: { columns: readonly StagedColumn[]; constants: Partial<Record<StagedColumn, string>> },
): Promise<void> {
  const select = (Object.keys(stagedColumns) as StagedColumn[])
    .map((c) => (layout.columns.includes(c) ? `s.${c}` : `CAST(${layout.constants[c] ?? 'NULL'} AS ${stagedColumns[c]}) AS ${c}`))
    .join(', ');
  const reject = `CASE WHEN s.reject IS NOT NULL THEN {'field': split_part(s.reject, chr(31), 1), 'reason': substr(s.reject, strpos(s.reject, chr(31)) + 1)} END AS reject`;
  await store.run('DROP TABLE IF EXISTS staged_dropped');
  let rowNumber = 's.rowid + 1';
  if (droppedRows.length > 0) {
    const unique = [...new Set(droppedRows)].sort((a, b) => a - b);
    await store.run(`CREATE TEMP TABLE staged_dropped AS SELECT * FROM (VALUES ${unique.map((r, i) => `(${r - (i + 1)})`).join(', ')}) t(shifted)`);
    rowNumber = `s.rowid + 1 + (SELECT count(*) FROM staged_dropped d WHERE d.shifted < s.rowid + 1)`;
  }
  await store.run(`CREATE OR REPLACE TEMP VIEW staged_rows AS SELECT ${rowNumber} AS row_number, ${select}, ${reject} FROM staged s`);
}
