/**
 * Foundation benchmark (issue 2):
 * - import a 10,000,000-row orders CSV: rows/s (target at least 1,000,000) and the ratio to DuckDB reading
 *   the same file into a table with plain SQL (target within 2x);
 * - summarise 1,000,000 customers / 10,000,000 orders: ratio to the equivalent hand-written DuckDB query
 *   (target within 1.5x), with peak memory.
 *
 * Run: npm run build && node dist/bench/foundation.js [rows] [customers]
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { customerSummarySql } from '../src/analytics/customer-summary.js';
import { hasAnonymousEvents } from '../src/analytics/resolved-events.js';
import { importFile } from '../src/ingest/import-file.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { sampleMemory, timed } from './memory-sampler.js';

const rows = Number(process.argv[2] ?? 10_000_000);
const customers = Number(process.argv[3] ?? 1_000_000);
const dir = await mkdtemp(join(tmpdir(), 'tenure-bench-'));
const csv = join(dir, 'orders.csv');
const memory = sampleMemory();

try {
  const scratch = await DuckDbStore.open(':memory:', { migrate: false });
  await scratch.run(`COPY (
      SELECT 'c' || (i % ${customers}) AS customer_id,
        strftime(TIMESTAMP '2023-01-01' + to_seconds(CAST(hash(i) % 63072000 AS BIGINT)), '%Y-%m-%dT%H:%M:%S') AS timestamp,
        CAST(round((hash(i * 7) % 20000) / 100.0 + 1, 2) AS DECIMAL(10,2)) AS amount
      FROM range(${rows}) t(i)) TO '${csv}' (HEADER)`);
  await scratch.close();
  const mb = (await stat(csv)).size / 1e6;
  console.log(`orders CSV: ${rows.toLocaleString('en-US')} rows, ${customers.toLocaleString('en-US')} customers, ${mb.toFixed(0)} MB`);

  // Baseline: DuckDB reads the file into a table with plain SQL. Each side runs three times, alternating, and
  // keeps its best time, so that a busy moment on a 2-core machine does not decide the ratio.
  let baseline = { seconds: Number.POSITIVE_INFINITY };
  let imported = { seconds: Number.POSITIVE_INFINITY };
  let store: DuckDbStore | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const plain = await DuckDbStore.open(join(dir, `plain-${attempt}.duckdb`), { migrate: false });
    const b = await timed(() => plain.run(`CREATE TABLE orders AS SELECT * FROM read_csv('${csv}')`));
    await plain.close();
    await rm(join(dir, `plain-${attempt}.duckdb`), { force: true });
    if (b.seconds < baseline.seconds) baseline = b;
    await store?.close();
    store = await DuckDbStore.open(join(dir, `tenure-${attempt}.duckdb`));
    const target = store;
    const i = await timed(() => importFile(target, csv));
    if (i.value.accepted !== rows) throw new Error(`expected ${rows} rows, imported ${i.value.accepted}`);
    if (i.seconds < imported.seconds) imported = i;
  }
  if (!store) throw new Error('no import ran');
  const importPeak = memory.peakMiB();
  console.log(`plain DuckDB read_csv into a table: ${baseline.seconds.toFixed(2)} s`);
  console.log(
    `tenure import: ${imported.seconds.toFixed(2)} s = ${Math.round(rows / imported.seconds).toLocaleString('en-US')} rows/s ` +
      `(target >= 1,000,000), ratio to plain DuckDB ${(imported.seconds / baseline.seconds).toFixed(2)}x (target <= 2x), peak RSS ${importPeak} MiB`,
  );

  // Summary: materialise both into tables so the comparison is the query, not moving rows into JavaScript.
  const asOf = '2024-12-31';
  const { sql, params } = customerSummarySql({ asOf, unit: 'week', anonymous: await hasAnonymousEvents(store) });
  const handWritten = `SELECT customer_id, count(*) - 1 AS frequency,
      CAST(max(day) - min(day) AS DOUBLE) / 7 AS recency, CAST(DATE '${asOf}' - min(day) AS DOUBLE) / 7 AS t,
      CASE WHEN count(*) > 1 THEN (sum(value) - arg_min(value, day)) / (count(*) - 1) ELSE 0 END AS monetary_value
    FROM (SELECT customer_id, CAST(occurred_at AS DATE) AS day, sum(amount) AS value FROM events
          WHERE kind = 'order_completed' AND occurred_at < TIMESTAMP '${asOf}' + INTERVAL 1 DAY GROUP BY 1, 2)
    GROUP BY customer_id`;
  // One warm-up read of the columns so neither side pays for the first load from disk.
  await store.query(`SELECT count(*), sum(amount) FROM events`);
  // Best of three each, alternating, so a busy moment on the machine does not decide the ratio.
  let hand = { seconds: Number.POSITIVE_INFINITY };
  let ours = { seconds: Number.POSITIVE_INFINITY };
  for (let i = 0; i < 3; i++) {
    const h = await timed(() => store.run(`CREATE OR REPLACE TEMP TABLE hand_summary AS ${handWritten}`));
    const o = await timed(() => store.run(`CREATE OR REPLACE TEMP TABLE tenure_summary AS ${sql}`, params));
    if (h.seconds < hand.seconds) hand = h;
    if (o.seconds < ours.seconds) ours = o;
  }
  const [summarised] = await store.query<{ n: number }>('SELECT count(*) AS n FROM tenure_summary');
  console.log(
    `summary of ${(summarised?.n ?? 0).toLocaleString('en-US')} customers: tenure ${ours.seconds.toFixed(2)} s, hand-written ${hand.seconds.toFixed(2)} s, ` +
      `ratio ${(ours.seconds / hand.seconds).toFixed(2)}x (target <= 1.5x)`,
  );
  console.log(`peak RSS ${memory.peakMiB()} MiB`);
  await store.close();
} finally {
  memory.stop();
  await rm(dir, { recursive: true, force: true });
}
