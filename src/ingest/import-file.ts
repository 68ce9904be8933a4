/**
 * `tenure import FILE`: reads CSV, JSONL or Parquet into the event log. Bad rows go to the rejects table
 * with their row, field and reason; the good rows beside them land; re-importing adds nothing.
 *
 * The file is staged and checked in DuckDB, the store itself or a scratch engine in front of PostgreSQL
 * (staging-engine.ts); commit-staged.ts moves the checked rows into the store.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { byText } from '../store/sql-dialect.js';
import type { Store } from '../store/store.js';
import type { Reject } from '../domain/event.js';
import { eventKindSchemas, type TrackKind } from '../domain/event-kinds.js';
import { compileDateFormat, type DateOrder } from '../domain/timestamps.js';
import type { ColumnMapping } from './column-mapping.js';
import { commitStaged, type CommitCounts } from './commit-staged.js';
import { commitInBatches } from './commit-in-batches.js';
import { readJsonl } from './read-jsonl.js';
import { sniffFile, type Delimiter, type FileFormat } from './sniff-file.js';
import { stageTabular } from './stage-tabular.js';
import { beginImport, finishImport } from './import-log.js';
import { reportingCurrency } from '../store/settings.js';
import { withStagingEngine } from './staging-engine.js';

export interface ImportOptions {
  format?: FileFormat | undefined;
  delimiter?: Delimiter | undefined;
  header?: boolean | undefined;
  /** Names for the columns of a file (replacing its header, or naming a headerless file's columns). */
  columns?: readonly string[] | undefined;
  mapping?: ColumnMapping | undefined;
  dateFormat?: string | undefined;
  dateOrder?: DateOrder | undefined;
  rates?: Readonly<Record<string, string>> | undefined;
  /**
   * Called with the work done so far in bytes of the file, for a progress bar. On PostgreSQL reading and
   * checking the file is the first half and loading the rows into the store the second.
   */
  onProgress?: ((bytesRead: number, totalBytes: number) => void) | undefined;
}

export interface ImportResult {
  source: string;
  format: FileFormat;
  importId: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** The first 100 rejects, in row order. */
  rejects: Reject[];
  /** How columns were mapped to event fields (tabular files). */
  mapping?: ColumnMapping;
  seconds: number;
}

export const maxListedRejects = 100;

export async function importFile(store: Store, path: string, options: ImportOptions = {}): Promise<ImportResult> {
  const started = performance.now();
  const size = (await stat(path).catch(() => {
    throw new Error(`cannot read ${path}: no such file`);
  })).size;
  const sniffed = await sniffFile(path, {
    ...(options.format ? { format: options.format } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    ...(options.header !== undefined ? { header: options.header } : {}),
  });
  if (options.columns) {
    if (sniffed.format !== 'csv') throw new Error('--columns applies to CSV files only');
    sniffed.columns = [...options.columns];
  }
  const source = basename(path);
  const dateFormat = options.dateFormat ? compileDateFormat(options.dateFormat) : undefined;
  const importId = await beginImport(store, source, sniffed.format, { ...options, onProgress: undefined });
  const extraRejects: (Reject & { raw?: string })[] = [];
  let mapping: ColumnMapping | undefined;

  const rates = options.rates ?? {};
  const counts = await withStagingEngine(store, async (engine): Promise<CommitCounts> => {
    if (sniffed.format === 'jsonl') {
      let read = 0;
      const events = readJsonl(path, extraRejects, {
        dateOrder: options.dateOrder,
        dateFormat,
        onLine: (bytes) => {
          read += bytes;
          if (read % 65536 < bytes) options.onProgress?.(read, size);
        },
      });
      return commitInBatches(store, events, { importId, source, rates, rejects: extraRejects }, engine);
    }
    options.onProgress?.(0, size);
    const onProgress = options.onProgress;
    // Where the store is not the engine, loading the checked rows takes about as long as staging them.
    const staging = engine === store ? 1 : 0.5;
    const staged = await stageTabular(engine, {
      path,
      sniffed,
      mapping: options.mapping ?? {},
      dateFormat,
      dateOrder: options.dateOrder,
      onProgress: onProgress ? (fraction) => onProgress(Math.round(fraction * staging * size), size) : undefined,
    });
    mapping = staged.mapping;
    extraRejects.push(...staged.malformed);
    extraRejects.push(...(await checkPropertiesWithSchemas(engine)));
    return commitStaged(store, engine, {
      importId,
      source,
      reportingCurrency: await reportingCurrency(store),
      rates,
      extraRejects,
      onProgress: onProgress && staging < 1 ? (fraction) => onProgress(Math.round((staging + fraction * (1 - staging)) * size), size) : undefined,
    });
  });
  options.onProgress?.(size, size);
  await finishImport(store, importId, counts);
  const rejects = await store.query<{ row: number; field: string; reason: string }>(
    `SELECT row_number AS row, field, reason FROM rejects WHERE import_id = $1 ORDER BY row_number, ${byText(store.dialect, 'field')} LIMIT ${maxListedRejects}`,
    [importId],
  );
  return {
    source,
    format: sniffed.format,
    importId,
    ...counts,
    rejects,
    ...(mapping ? { mapping } : {}),
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Tabular rows of kinds other than orders carry kind-specific properties (a contact's channel, a survey's
 * score); they are few next to orders, so they go through the same zod schemas as JSON input.
 */
async function checkPropertiesWithSchemas(engine: DuckDbStore): Promise<Reject[]> {
  const rows = await engine.query<{ row_number: number; kind: string; properties: string | null; channel: string | null; platform: string | null; order_id: string | null }>(
    `SELECT row_number, kind, CAST(properties AS VARCHAR) AS properties, channel, platform, order_id FROM staged_rows
     WHERE reject IS NULL AND kind NOT IN ('order_completed', 'identify', 'alias')`,
  );
  const rejects: Reject[] = [];
  for (const row of rows) {
    const schema = eventKindSchemas[row.kind as TrackKind];
    if (!schema) continue;
    const properties: Record<string, unknown> = {
      ...(row.properties ? (JSON.parse(row.properties) as Record<string, unknown>) : {}),
      ...(row.channel ? { channel: row.channel } : {}),
      ...(row.platform ? { platform: row.platform } : {}),
      ...(row.order_id ? { order_id: row.order_id } : {}),
    };
    // CSV cells are text: numbers in them are numbers for the schema.
    for (const [key, value] of Object.entries(properties)) {
      if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) properties[key] = Number(value);
    }
    const checked = schema.safeParse(properties);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      rejects.push({ row: row.row_number, field: issue?.path.join('.') || '(properties)', reason: issue?.message ?? 'is not valid' });
    }
  }
  return rejects;
}


