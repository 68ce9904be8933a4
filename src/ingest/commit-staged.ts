/**
 * Moves the checked rows of `staged_rows` into the event log, in one transaction.
 *
 * Idempotency: an event with a source id is new when no stored event has that id (and the first of
 * repeated ids in one file wins). An event without one has a derived id, content plus occurrence among
 * identical rows of its source; "new" then means: the k-th identical row is new when fewer than k
 * identical events are stored. That is the same rule counted instead of hashed, which spares writing a
 * random 128-bit key per event (the biggest cost of a bulk import) and needs no work at all when the
 * store holds nothing in the file's time range, the common case of appending recent data.
 */
import type { Store } from '../store/store.js';
import type { Reject } from '../domain/event.js';
import { sqlString } from './normalize-sql.js';

export interface CommitOptions {
  importId: number;
  source: string;
  reportingCurrency: string;
  /** Rates to the reporting currency by currency code, for rows that carry none. */
  rates: Readonly<Record<string, string>>;
  /** Rejects found outside SQL (reader errors, JSON and zod checks); their rows are not in `staged` or are skipped. */
  extraRejects: readonly (Reject & { raw?: string })[];
}

export interface CommitCounts {
  accepted: number;
  duplicates: number;
  rejected: number;
}

/**
 * Content that makes two events without a source id identical. A converted amount is left out: the
 * original amount and currency in the properties say the same, and a re-import at another rate is still
 * the same event.
 */
const contentColumns = ['kind', 'customer_id', 'anonymous_id', 'occurred_at', 'order_id', 'channel', 'platform'];
const stagedAmount = 'CASE WHEN original_currency IS NULL THEN amount_rep END';
const storedAmount = `CASE WHEN json_extract_string(properties, '$.original_currency') IS NULL THEN amount END`;

export async function commitStaged(store: Store, options: CommitOptions): Promise<CommitCounts> {
  const rep = sqlString(options.reportingCurrency);
  await store.run('CREATE OR REPLACE TEMP TABLE extra_rejects (row_number BIGINT, field VARCHAR, reason VARCHAR, raw VARCHAR)');
  if (options.extraRejects.length > 0) {
    const values = options.extraRejects.map((r) => `(${r.row}, ${sqlString(r.field)}, ${sqlString(r.reason)}, ${r.raw === undefined ? 'NULL' : sqlString(r.raw)})`);
    for (let i = 0; i < values.length; i += 1000) await store.run(`INSERT INTO extra_rejects VALUES ${values.slice(i, i + 1000).join(', ')}`);
  }
  await store.run('CREATE OR REPLACE TEMP TABLE rates (code VARCHAR, rate DECIMAL(18,8))');
  const rateRows = Object.entries(options.rates);
  if (rateRows.length > 0) await store.run(`INSERT INTO rates VALUES ${rateRows.map(([c, r]) => `(${sqlString(c.toUpperCase())}, ${Number(r)})`).join(', ')}`);

  // Every staged row with what it becomes in the reporting currency, or why it cannot. The rates join and
  // the extra-rejects filter are left out when empty: over ten million rows even an empty join costs.
  const rateJoin = rateRows.length > 0 ? 'LEFT JOIN rates r ON r.code = s.currency' : 'LEFT JOIN (SELECT NULL::DECIMAL(18,8) AS rate) r ON FALSE';
  const skipExtra = options.extraRejects.length > 0 ? 'WHERE NOT EXISTS (SELECT 1 FROM extra_rejects x WHERE x.row_number = s.row_number)' : '';
  await store.run(`CREATE OR REPLACE TEMP VIEW checked_rows AS
    SELECT s.*,
      CASE WHEN s.currency IS NULL OR s.currency = ${rep} THEN s.amount ELSE round(s.amount * coalesce(s.rate, r.rate), 4) END AS amount_rep,
      CASE WHEN s.currency <> ${rep} THEN s.currency END AS original_currency,
      CASE WHEN s.currency <> ${rep} AND s.amount IS NOT NULL
        THEN json_merge_patch(coalesce(s.properties, '{}'), json_object('original_currency', s.currency, 'original_amount', CAST(s.amount AS VARCHAR)))
        ELSE s.properties END AS stored_properties,
      CASE
        WHEN s.reject IS NOT NULL THEN s.reject
        WHEN s.currency IS NOT NULL AND s.currency <> ${rep} AND s.amount IS NOT NULL AND coalesce(s.rate, r.rate) IS NULL
          THEN {'field': 'currency', 'reason': s.currency || ' differs from the reporting currency ' || ${rep} || ' and no rate was given (add a rate column or --rate ' || s.currency || '=...)'}
      END AS problem
    FROM staged_rows s ${rateJoin}
    ${skipExtra}`);

  return store.transaction(async (tx) => {
    const [total] = await tx.query<{ n: number; with_id: number; derived: number; lo: Date | null; hi: Date | null }>(`SELECT count(*) AS n,
        count(*) FILTER (WHERE problem IS NULL AND event_id IS NOT NULL) AS with_id,
        count(*) FILTER (WHERE problem IS NULL AND event_id IS NULL) AS derived,
        min(occurred_at) FILTER (WHERE problem IS NULL AND event_id IS NULL) AS lo,
        max(occurred_at) FILTER (WHERE problem IS NULL AND event_id IS NULL) AS hi
      FROM checked_rows`);
    if (!total) throw new Error('commitStaged found no staged rows view');

    // Which valid rows are new: `new_rows` lists them unless every valid row is (flag all_new).
    let derivedFilter = 'TRUE';
    if (total.derived > 0 && total.lo && total.hi) {
      const [overlap] = await tx.query<{ n: number }>(
        `SELECT count(*) AS n FROM (SELECT 1 FROM events WHERE event_id IS NULL AND occurred_at BETWEEN $1 AND $2 LIMIT 1) t`,
        [total.lo, total.hi],
      );
      if (overlap && overlap.n > 0) {
        const same = [...contentColumns.map((c) => `s.${c} IS NOT DISTINCT FROM e.${c}`), 's.content_amount IS NOT DISTINCT FROM e.content_amount', 's.properties_text IS NOT DISTINCT FROM e.properties_text'].join(' AND ');
        const key = [...contentColumns, 'content_amount', 'properties_text'].join(', ');
        await tx.run(`CREATE OR REPLACE TEMP TABLE new_derived AS
          WITH incoming AS (
            SELECT row_number, ${contentColumns.join(', ')}, ${stagedAmount} AS content_amount, CAST(stored_properties AS VARCHAR) AS properties_text
            FROM checked_rows WHERE problem IS NULL AND event_id IS NULL),
          numbered AS (SELECT *, row_number() OVER (PARTITION BY ${key} ORDER BY row_number) AS occurrence FROM incoming),
          stored AS (
            SELECT ${contentColumns.join(', ')}, ${storedAmount} AS content_amount, CAST(properties AS VARCHAR) AS properties_text, count(*) AS copies
            FROM events WHERE event_id IS NULL AND occurred_at BETWEEN $1 AND $2
            GROUP BY ALL)
          SELECT s.row_number FROM numbered s LEFT JOIN stored e ON ${same}
          WHERE s.occurrence > coalesce(e.copies, 0)`, [total.lo, total.hi]);
        derivedFilter = 'row_number IN (SELECT row_number FROM new_derived)';
      }
    }
    let idFilter = 'TRUE';
    if (total.with_id > 0) {
      await tx.run(`CREATE OR REPLACE TEMP TABLE new_with_id AS
        SELECT row_number FROM (
          SELECT row_number, event_id, row_number() OVER (PARTITION BY event_id ORDER BY row_number) AS k
          FROM checked_rows WHERE problem IS NULL AND event_id IS NOT NULL) c
        WHERE k = 1 AND NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = c.event_id)`);
      idFilter = 'row_number IN (SELECT row_number FROM new_with_id)';
    }

    const accepted = await tx.run(`INSERT INTO events
      SELECT event_id, kind, customer_id, anonymous_id, occurred_at, amount_rep, order_id, channel, platform, full_price,
        stored_properties, ${options.importId}, row_number
      FROM checked_rows
      WHERE problem IS NULL AND (CASE WHEN event_id IS NULL THEN ${derivedFilter} ELSE ${idFilter} END)`);

    const rejectedInSql = await tx.run(`INSERT INTO rejects
      SELECT ${options.importId}, ${sqlString(options.source)}, row_number, problem.field, problem.reason, NULL
      FROM checked_rows WHERE problem IS NOT NULL`);
    const rejectedOutside = await tx.run(`INSERT INTO rejects
      SELECT ${options.importId}, ${sqlString(options.source)}, row_number, field, reason, raw FROM extra_rejects`);

    await refreshCustomerTraits(tx);
    const valid = total.n - rejectedInSql;
    return { accepted, duplicates: valid - accepted, rejected: rejectedInSql + rejectedOutside };
  });
}

/**
 * Rebuilds the latest traits of the customers identified in the staged rows from all their identify
 * events: per trait, the most recent value wins (Segment's merge rule). Only this batch's customers are
 * touched, so committing a long stream in batches stays linear.
 */
async function refreshCustomerTraits(store: Store): Promise<void> {
  await store.run(`CREATE OR REPLACE TEMP TABLE touched AS
    SELECT DISTINCT customer_id FROM checked_rows WHERE kind = 'identify' AND problem IS NULL AND customer_id IS NOT NULL`);
  const [touched] = await store.query<{ n: number }>('SELECT count(*) AS n FROM touched');
  if (!touched || touched.n === 0) return;
  await store.run('DELETE FROM customers WHERE customer_id IN (SELECT customer_id FROM touched)');
  await store.run(`INSERT INTO customers
    WITH identifies AS (
      SELECT e.customer_id, e.occurred_at, e.properties FROM events e JOIN touched t USING (customer_id) WHERE e.kind = 'identify'),
    latest AS (
      SELECT i.customer_id, j.key, arg_max(j.value, i.occurred_at) AS value
      FROM identifies i, json_each(i.properties) j GROUP BY i.customer_id, j.key),
    objects AS (SELECT customer_id, json_group_object(key, value) AS traits FROM latest GROUP BY customer_id)
    SELECT i.customer_id, o.traits, min(i.occurred_at), now()
    FROM identifies i LEFT JOIN objects o USING (customer_id) GROUP BY i.customer_id, o.traits`);
}
