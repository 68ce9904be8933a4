/**
 * Lookalike benchmark: fit the model and score every prospect as of one date on the 10,000,000 events of
 * 1,000,000 customers of bench/lifecycle-events.ts (the generator of bench/classify.ts), with the default
 * (shop) config, against the plainest grouped scan of the same resolved events (count and latest event per
 * customer, materialised) and the classification's facts scan. Prints where the time goes and the peak
 * memory.
 *
 * Run: npm run build && node --expose-gc dist/bench/lookalike.js [customers]
 */
import { parseConfig } from '../src/config/load-config.js';
import { customerFactsSql, factsSource } from '../src/lifecycle/customer-facts.js';
import { lookalikeScores } from '../src/lookalike/lookalike-scores.js';
import { withGeneratedStore } from './lifecycle-events.js';
import { groupedScanSeconds } from './grouped-scan.js';
import { sampleMemory, timed } from './memory-sampler.js';

const customers = Number(process.argv[2] ?? 1_000_000);
const asOf = '2025-12-31';
const config = parseConfig({});
const fmt = (n: number) => n.toLocaleString('en-US');

await withGeneratedStore(customers, async (store) => {

  const source = await factsSource(store, asOf);
  const facts = customerFactsSql({ asOf, config, ...source });

  const plainScan = await groupedScanSeconds(store, { resolvedAsOf: { asOf, anonymous: source.anonymous } });
  const factsScan = (await timed(() => store.run(`CREATE OR REPLACE TEMP TABLE facts_scan AS ${facts.sql}`, facts.params))).seconds;
  await store.run('DROP TABLE facts_scan');
  (globalThis as { gc?: () => void }).gc?.();

  let heapPeak = 0;
  const memory = sampleMemory();
  const heap = setInterval(() => {
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }, 20);
  let scored = 0;
  const run = await timed(() =>
    lookalikeScores(store, { asOf, config, limit: 20 }, (batch) => {
      scored += batch.length;
    }),
  );
  clearInterval(heap);
  memory.stop();
  const r = run.value;
  if (r.notScored !== null) throw new Error(r.notScored);
  if (scored !== r.prospects) throw new Error(`scored ${fmt(scored)} of ${fmt(r.prospects)} prospects`);

  console.log(`lookalike scores as of ${asOf}: fitted on ${fmt(r.highValueCustomers)} high-value and ${fmt(r.otherCustomers)} other customers, scored ${fmt(scored)} prospects in ${run.seconds.toFixed(2)} s`);
  console.log(`  the plainest grouped scan (count and latest event per customer, materialised): ${plainScan.toFixed(2)} s; ratio ${(run.seconds / plainScan).toFixed(1)}x`);
  console.log(`  the classification's facts scan alone: ${factsScan.toFixed(2)} s; ratio ${(run.seconds / factsScan).toFixed(2)}x`);
  const t = r.timings;
  console.log(`  facts and figures ${t.facts.toFixed(2)} s, attributes (people and traits tables) ${t.attributes.toFixed(2)} s, fit ${t.fit.toFixed(3)} s, scoring ${t.score.toFixed(2)} s`);
  console.log(`  ${fmt(r.attributes.length)} attribute values weighted; the best prospect ${r.scores[0]?.customer_id} at ${r.scores[0]?.score.toFixed(3)}`);
  console.log(`  peak RSS ${memory.peakMiB()} MiB (DuckDB included), peak JS heap ${Math.round(heapPeak / 2 ** 20)} MiB`);
});
