/**
 * Moves the checked rows of `staged_rows` into the event log, in one transaction.
 *
 * Idempotency: an event with a source id is new when no stored event has that id (and the first of
 * repeated ids in one file wins). An event without one has a derived id, content plus occurrence among
 * identical rows of its source; "new" then means: the k-th identical row is new when fewer than k
 * identical events are stored. That is the same rule counted instead of hashed, which spares writing a
 * random 128-bit key per event (the biggest cost of a bulk import) and needs no work at all when the
 * store holds nothing in the file's time range, the common case of appending recent data.
 *
 * Engines: the rows are staged and checked in DuckDB (the store itself, or a scratch engine in front of
 * PostgreSQL, see staging-engine.ts). Everything that reads the stored log runs in the store, in SQL
 * written once for both engines, so the rules are the same on each. When no row has a source id and the
 * log holds nothing in the file's time range, the rows go straight into `events` (on PostgreSQL by COPY);
 * otherwise they land in a relation `import_incoming` first and only the new ones are inserted.
 */
import type { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { argMax, jsonEach, jsonObjectAgg, jsonText, rowKey, tempTableAs, type Dialect } from '../store/sql-dialect.js';
import type { Store } from '../store/store.js';
import type { Reject } from '../domain/event.js';
import { landingFor, type Landing, type LandingColumn } from './landing.js';
import { sqlString } from './normalize-sql.js';

export interface CommitOptions {
  importId: number;
  source: string;
  reportingCurrency: string;
  /** Rates to the reporting currency by currency code, for rows that carry none. */
  rates: Readonly<Record<string, string>>;
  /** Rejects found outside SQL (reader errors, JSON and zod checks); their rows are not in `staged` or are skipped. */
  extraRejects: readonly (Reject & { raw?: string })[];
  /** Share of the accepted rows written so far (0 to 1), where the store reports it (PostgreSQL's COPY). */
  onProgress?: ((fraction: number) => void) | undefined;
}

export interface CommitCounts {
  accepted: number;
  duplicates: number;
  rejected: number;
}

/** The columns of a valid row as the event log stores them, plus its row number in the source. */
const incomingColumns: readonly LandingColumn[] = [
  { name: 'row_number', type: 'BIGINT' },
  { name: 'event_id', type: 'VARCHAR' },
  { name: 'kind', type: 'VARCHAR' },
  { name: 'customer_id', type: 'VARCHAR' },
  { name: 'anonymous_id', type: 'VARCHAR' },
  { name: 'occurred_at', type: 'TIMESTAMP' },
  { name: 'amount', type: 'DECIMAL(18,4)' },
  { name: 'order_id', type: 'VARCHAR' },
  { name: 'channel', type: 'VARCHAR' },
  { name: 'platform', type: 'VARCHAR' },
  { name: 'full_price', type: 'BOOLEAN' },
  { name: 'properties', type: 'JSON' },
];
const eventColumns = incomingColumns.slice(1).map((c) => c.name);
const storedColumns = [...eventColumns, 'import_id', 'source_row'];
/** Event columns a file may leave empty throughout (the others are NOT NULL). */
const sparseColumns = ['event_id', 'customer_id', 'anonymous_id', 'amount', 'order_id', 'channel', 'platform', 'full_price', 'properties'];
/** A column's name in `checked_rows`, where the amount and properties are still being worked out. */
const checkedColumn = (c: string) => (c === 'amount' ? 'amount_rep' : c === 'properties' ? 'stored_properties' : c);

/**
 * Content that makes two events without a source id identical. A converted amount is left out: the
 * original amount and currency in the properties say the same, and a re-import at another rate is still
 * the same event. Properties compare as text: DuckDB's JSON text on DuckDB, and on PostgreSQL the text of
 * JSONB, which both sides are, so key order and spacing in the source do not matter there.
 */
const contentKey = (dialect: Dialect) =>
  rowKey(dialect, [
    'kind', 'customer_id', 'anonymous_id', 'occurred_at', 'order_id', 'channel', 'platform',
    `CASE WHEN ${jsonText(dialect, 'properties', 'original_currency')} IS NULL THEN amount END`,
    'CAST(properties AS VARCHAR)',
  ]);

interface Totals {
  /** Per sparse column, how many valid rows have a value (`filled_customer_id`, ...); counted for PostgreSQL only. */
  [filled: `filled_${string}`]: number | undefined;
  problems: number;
  with_id: number;
  derived: number;
  identified: number;
  /** The time range of the rows without a source id, as exact timestamp text (a Date would drop the microseconds). */
  lo: string | null;
  hi: string | null;
}

/** Commits what `engine` has staged (in `staged_rows`) into `store`; `engine` is the store itself when it is DuckDB. */
export async function commitStaged(store: Store, engine: DuckDbStore, options: CommitOptions): Promise<CommitCounts> {
  await checkRows(engine, options, store.dialect);
  // PostgreSQL's COPY spends a good part of its time on each field, empty or not, so columns no row fills
  // are left out of it (a plain orders file fills half of them). DuckDB spends next to nothing on them,
  // and counting them would cost it more than it saves.
  const filled = store.dialect === 'postgres' ? sparseColumns.map((c) => `,\n      count(${checkedColumn(c)}) FILTER (WHERE problem IS NULL) AS filled_${c}`).join('') : '';
  const [total] = await engine.query<Totals & Record<string, unknown>>(`SELECT
      count(*) FILTER (WHERE problem IS NOT NULL) AS problems,
      count(*) FILTER (WHERE problem IS NULL AND event_id IS NOT NULL) AS with_id,
      count(*) FILTER (WHERE problem IS NULL AND event_id IS NULL) AS derived,
      count(*) FILTER (WHERE problem IS NULL AND kind = 'identify' AND customer_id IS NOT NULL) AS identified,
      CAST(min(occurred_at) FILTER (WHERE problem IS NULL AND event_id IS NULL) AS VARCHAR) AS lo,
      CAST(max(occurred_at) FILTER (WHERE problem IS NULL AND event_id IS NULL) AS VARCHAR) AS hi${filled}
    FROM checked_rows`);
  if (!total) throw new Error('commitStaged found no staged rows view');

  return store.transaction(async (tx) => {
    const landing = landingFor(tx, engine);
    const valid = total.with_id + total.derived;
    const accepted = valid > 0 ? await landEvents(tx, landing, total, options) : 0;
    let rejected = 0;
    if (total.problems + options.extraRejects.length > 0) {
      rejected = await landing.append(
        'rejects',
        ['import_id', 'source', 'row_number', 'field', 'reason', 'raw'],
        `SELECT ${options.importId}, ${sqlString(options.source)}, row_number, field, reason, raw FROM found_rejects`,
      );
    }
    if (total.identified > 0) await refreshCustomerTraits(tx, landing);
    return { accepted, duplicates: valid - accepted, rejected };
  });
}

/**
 * PostgreSQL stores no NUL character in text, nor `\u0000` in JSONB: a row carrying one would fail the
 * whole COPY, so for a PostgreSQL store it is a reject naming the field. (A DuckDB store keeps it.)
 */
function nulProblem(): string {
  const textColumns = ['event_id', 'customer_id', 'anonymous_id', 'order_id', 'channel', 'platform'];
  return [
    ...textColumns.map((c) => `WHEN strpos(s.${c}, chr(0)) > 0 THEN {'field': '${c}', 'reason': 'contains a NUL character, which PostgreSQL cannot store'}`),
    // An escaped backslash before "u0000" is text, not a NUL: only an odd run of backslashes escapes it.
    `WHEN contains(CAST(s.properties AS VARCHAR), 'u0000') AND regexp_matches(CAST(s.properties AS VARCHAR), '(^|[^\\\\])(\\\\\\\\)*\\\\u0000')
      THEN {'field': 'properties', 'reason': 'contains a NUL character (\\u0000), which PostgreSQL cannot store'}`,
  ].join('\n        ');
}

/**
 * In the engine: `checked_rows`, every staged row with what it becomes in the reporting currency or why
 * it cannot; `valid_rows`, the rows to store in the event log's shape; `found_rejects`, the rest.
 */
async function checkRows(engine: DuckDbStore, options: CommitOptions, target: Store['dialect']): Promise<void> {
  const rep = sqlString(options.reportingCurrency);
  await engine.run('CREATE OR REPLACE TEMP TABLE extra_rejects (row_number BIGINT, field VARCHAR, reason VARCHAR, raw VARCHAR)');
  if (options.extraRejects.length > 0) {
    const values = options.extraRejects.map((r) => `(${r.row}, ${sqlString(r.field)}, ${sqlString(r.reason)}, ${r.raw === undefined ? 'NULL' : sqlString(r.raw)})`);
    for (let i = 0; i < values.length; i += 1000) await engine.run(`INSERT INTO extra_rejects VALUES ${values.slice(i, i + 1000).join(', ')}`);
  }
  await engine.run('CREATE OR REPLACE TEMP TABLE rates (code VARCHAR, rate DECIMAL(18,8))');
  const rateRows = Object.entries(options.rates);
  if (rateRows.length > 0) await engine.run(`INSERT INTO rates VALUES ${rateRows.map(([c, r]) => `(${sqlString(c.toUpperCase())}, ${Number(r)})`).join(', ')}`);

  // The rates join and the extra-rejects filter are left out when empty: over ten million rows even an
  // empty join costs.
  const rateJoin = rateRows.length > 0 ? 'LEFT JOIN rates r ON r.code = s.currency' : 'LEFT JOIN (SELECT NULL::DECIMAL(18,8) AS rate) r ON FALSE';
  const skipExtra = options.extraRejects.length > 0 ? 'WHERE NOT EXISTS (SELECT 1 FROM extra_rejects x WHERE x.row_number = s.row_number)' : '';
  await engine.run(`CREATE OR REPLACE TEMP VIEW checked_rows AS
    SELECT s.*,
      CASE WHEN s.currency IS NULL OR s.currency = ${rep} THEN s.amount ELSE round(s.amount * coalesce(s.rate, r.rate), 4) END AS amount_rep,
      CASE WHEN s.currency <> ${rep} AND s.amount IS NOT NULL
        THEN json_merge_patch(coalesce(s.properties, '{}'), json_object('original_currency', s.currency, 'original_amount', CAST(s.amount AS VARCHAR)))
        ELSE s.properties END AS stored_properties,
      CASE
        WHEN s.reject IS NOT NULL THEN s.reject
        WHEN s.currency IS NOT NULL AND s.currency <> ${rep} AND s.amount IS NOT NULL AND coalesce(s.rate, r.rate) IS NULL
          THEN {'field': 'currency', 'reason': s.currency || ' differs from the reporting currency ' || ${rep} || ' and no rate was given (add a rate column or --rate ' || s.currency || '=...)'}
        ${target === 'postgres' ? nulProblem() : ''}
      END AS problem
    FROM staged_rows s ${rateJoin}
    ${skipExtra}`);
  await engine.run(`CREATE OR REPLACE TEMP VIEW valid_rows AS
    SELECT row_number, event_id, kind, customer_id, anonymous_id, occurred_at, amount_rep AS amount, order_id, channel, platform,
      full_price, stored_properties AS properties
    FROM checked_rows WHERE problem IS NULL`);
  await engine.run(`CREATE OR REPLACE TEMP VIEW found_rejects AS
    SELECT row_number, problem.field AS field, problem.reason AS reason, NULL::VARCHAR AS raw FROM checked_rows WHERE problem IS NOT NULL
    UNION ALL SELECT row_number, field, reason, raw FROM extra_rejects`);
}

/** Writes the new valid rows into `events`; returns how many. */
async function landEvents(tx: Store, landing: Landing, total: Totals, options: CommitOptions): Promise<number> {
  // What each stored column is made of in `valid_rows` and `import_incoming`.
  const values = (columns: readonly string[]) => columns.map((c) => (c === 'import_id' ? String(options.importId) : c === 'source_row' ? 'row_number' : c)).join(', ');
  const range = [total.lo, total.hi];
  let overlap = false;
  if (total.derived > 0 && total.lo && total.hi) {
    const [row] = await tx.query<{ n: number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM events WHERE event_id IS NULL AND occurred_at BETWEEN CAST($1 AS TIMESTAMP) AND CAST($2 AS TIMESTAMP) LIMIT 1) t`,
      range,
    );
    overlap = Number(row?.n ?? 0) > 0;
  }
  if (total.with_id === 0 && !overlap) {
    // Columns no row fills (where they were counted) are left to their default, NULL.
    const filled = storedColumns.filter((c) => total[`filled_${c}`] !== 0);
    const { onProgress } = options;
    return landing.append('events', filled, `SELECT ${values(filled)} FROM valid_rows`, {
      onRows: onProgress ? (rows) => onProgress(Math.min(1, rows / total.derived)) : undefined,
    });
  }

  await landing.relation('import_incoming', incomingColumns, `SELECT ${incomingColumns.map((c) => c.name).join(', ')} FROM valid_rows`);
  const newRows: string[] = [];
  if (total.with_id > 0) {
    newRows.push(`SELECT row_number FROM (
        SELECT row_number, event_id, row_number() OVER (PARTITION BY event_id ORDER BY row_number) AS k
        FROM import_incoming WHERE event_id IS NOT NULL) c
      WHERE k = 1 AND NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = c.event_id)`);
  }
  if (total.derived > 0 && overlap) {
    // The k-th incoming row of a content is new when fewer than k stored events have that content.
    const key = contentKey(tx.dialect);
    newRows.push(`SELECT n.row_number FROM (
          SELECT row_number, k, row_number() OVER (PARTITION BY k ORDER BY row_number) AS occurrence
          FROM (SELECT row_number, ${key} AS k FROM import_incoming WHERE event_id IS NULL) i) n
        LEFT JOIN (
          SELECT k, count(*) AS copies
          FROM (SELECT ${key} AS k FROM events
                WHERE event_id IS NULL AND occurred_at BETWEEN CAST($1 AS TIMESTAMP) AND CAST($2 AS TIMESTAMP)) e
          GROUP BY k) s ON s.k = n.k
      WHERE n.occurrence > coalesce(s.copies, 0)`);
  } else if (total.derived > 0) {
    newRows.push('SELECT row_number FROM import_incoming WHERE event_id IS NULL');
  }
  await tx.run(tempTableAs(tx.dialect, 'import_new_rows', newRows.join('\n      UNION ALL\n      ')), overlap ? range : []);
  // EXISTS, not IN: PostgreSQL turns it into a semi-join, where a large IN list could become a subplan
  // scanned once per row.
  return tx.run(`INSERT INTO events (${storedColumns.join(', ')})
    SELECT ${values(storedColumns)} FROM import_incoming i WHERE EXISTS (SELECT 1 FROM import_new_rows n WHERE n.row_number = i.row_number)`);
}

/**
 * Rebuilds the latest traits of the customers identified in the staged rows from all their identify
 * events: per trait, the most recent value wins (Segment's merge rule; at the same instant, the later
 * import and row). Only this batch's customers are touched, so committing a long stream in batches
 * stays linear.
 */
async function refreshCustomerTraits(tx: Store, landing: Landing): Promise<void> {
  await landing.relation(
    'import_touched',
    [{ name: 'customer_id', type: 'VARCHAR' }],
    `SELECT DISTINCT customer_id FROM valid_rows WHERE kind = 'identify' AND customer_id IS NOT NULL`,
    { materialize: true },
  );
  await tx.run('DELETE FROM customers WHERE customer_id IN (SELECT customer_id FROM import_touched)');
  const d = tx.dialect;
  await tx.run(`INSERT INTO customers (customer_id, traits, identified_at, updated_at)
    WITH identifies AS (
      SELECT e.customer_id, e.occurred_at, e.import_id, e.source_row, e.properties
      FROM events e JOIN import_touched t ON t.customer_id = e.customer_id WHERE e.kind = 'identify'),
    latest AS (
      SELECT i.customer_id, j.key, ${argMax(d, 'j.value', ['i.occurred_at', 'i.import_id', 'i.source_row'])} AS value
      FROM identifies i, ${jsonEach(d, 'i.properties')} j GROUP BY i.customer_id, j.key),
    objects AS (SELECT customer_id, ${jsonObjectAgg(d, 'key', 'value')} AS traits FROM latest GROUP BY customer_id)
    SELECT i.customer_id, o.traits, min(i.occurred_at), now()
    FROM identifies i LEFT JOIN objects o ON o.customer_id = i.customer_id GROUP BY i.customer_id, o.traits`);
}
