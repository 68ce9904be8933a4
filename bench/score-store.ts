/**
 * Store-level scoring benchmark (issue 3): `tenure score` end to end on N customers (default 1,000,000;
 * pass 10000000 to show that scoring streams): the summary SQL, both fits, every customer's predictions
 * and CLV, and writing them to customer_scores. Prints the time, peak resident memory (DuckDB included)
 * and the peak JavaScript heap, which stays flat as N grows because scoring streams in batches.
 *
 * Run: npm run build && node dist/bench/score-store.js [customers]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { scoreCustomers } from '../src/valuation/score-customers.js';
import { sampleMemory, timed } from './memory-sampler.js';

const customers = Number(process.argv[2] ?? 1_000_000);
const dir = await mkdtemp(join(tmpdir(), 'tenure-bench-'));
try {
  const store = await DuckDbStore.open(join(dir, 'tenure.duckdb'));
  // Orders straight into the event log. Each customer starts on a day of the first year, buys again a
  // geometric number of times (about 1.9 on average, so customers lapse as in real data) at their own pace.
  const loaded = await timed(() =>
    store.run(`INSERT INTO events (kind, customer_id, occurred_at, amount, full_price, import_id)
      SELECT 'order_completed', 'c' || i,
        TIMESTAMP '2024-01-01' + to_days(CAST(hash(i) % 365 + j * (7 + hash(i * 7) % 60) AS INTEGER)),
        CAST(5 + (hash(i * 17 + j) % 10000) / 100.0 AS DECIMAL(18,4)), TRUE, 0
      FROM range(${customers}) c(i), range(21) o(j)
      WHERE j <= least(20, floor(ln((hash(i * 13) % 1000000 + 1) / 1000001.0) / ln(0.65)))`),
  );
  console.log(`loaded ${loaded.value.toLocaleString('en-US')} orders of ${customers.toLocaleString('en-US')} customers in ${loaded.seconds.toFixed(1)} s`);

  let heapPeak = 0;
  const heap = setInterval(() => {
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }, 20);
  const memory = sampleMemory();
  const scored = await timed(() => scoreCustomers(store, { asOf: '2025-12-31', horizon: 12, unit: 'month', margin: 0.3 }));
  memory.stop();
  clearInterval(heap);
  const r = scored.value;
  console.log(
    `tenure score: ${r.customers.toLocaleString('en-US')} customers in ${scored.seconds.toFixed(2)} s ` +
      `(${Math.round(r.customers / scored.seconds).toLocaleString('en-US')} customers/s; summary, BG/NBD and Gamma-Gamma fits, predictions, CLV, writes)`,
  );
  const t = r.timings;
  console.log(
    `  summary SQL ${t.summary.toFixed(2)} s, fits ${t.fit.toFixed(2)} s, predictions and CLV ${t.predict.toFixed(2)} s (target < 2 s at 1M), ` +
      `streaming rows out and scores in ${t.readWrite.toFixed(2)} s`,
  );
  console.log(`  BG/NBD ${Object.entries(r.purchaseFit.params).map(([k, v]) => `${k}=${v.toPrecision(4)}`).join(' ')}; converged ${r.purchaseFit.converged}`);
  console.log(`  peak RSS ${memory.peakMiB()} MiB (DuckDB included), peak JS heap ${Math.round(heapPeak / 2 ** 20)} MiB`);
  const [count] = await store.query<{ n: number }>('SELECT count(*) AS n FROM customer_scores');
  if (count?.n !== r.customers) throw new Error(`expected ${r.customers} scores, found ${count?.n}`);
  await store.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
