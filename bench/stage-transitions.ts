/**
 * Stages over time benchmark: the stage flows of 1,000,000 customers and 10,000,000 events (the log of
 * bench/classify.ts) over two years (2024 and 2025) by month, from one pass over the events (the
 * stage-relevant rows sorted by customer, each customer's transitions worked out as its rows stream by),
 * against a single grouped scan of the events (count and latest event per customer, materialised).
 *
 * Each side runs twice, alternating, and keeps its best time: the machine has 2 cores, often shared.
 *
 * Run: npm run build && node --expose-gc dist/bench/stage-transitions.js [customers]
 */
import { parseConfig } from '../src/config/load-config.js';
import { stages } from '../src/lifecycle/classify.js';
import { stageFlows, type StageFlows } from '../src/lifecycle/stage-flows.js';
import { readStageEvents } from '../src/lifecycle/stage-transitions.js';
import { withGeneratedStore } from './lifecycle-events.js';
import { groupedScanSeconds } from './grouped-scan.js';
import { sampleMemory, timed } from './memory-sampler.js';

const customers = Number(process.argv[2] ?? 1_000_000);
const range = { from: '2024-01-01', to: '2025-12-31', grain: 'month' as const, config: parseConfig({}) };
const fmt = (n: number) => n.toLocaleString('en-US');

await withGeneratedStore(customers, async (store) => {

  let scan = Number.POSITIVE_INFINITY;
  let best: { seconds: number; value: StageFlows } | undefined;
  let read = Number.POSITIVE_INFINITY;
  const memory = sampleMemory();
  let heap = 0;
  const heapTimer = setInterval(() => (heap = Math.max(heap, process.memoryUsage().heapUsed)), 25);
  heapTimer.unref();
  for (let attempt = 0; attempt < 2; attempt++) {
    scan = Math.min(scan, await groupedScanSeconds(store));
    (globalThis as { gc?: () => void }).gc?.();
    const run = await timed(() => stageFlows(store, range));
    console.log(`  attempt ${attempt + 1}: stage flows ${run.seconds.toFixed(2)} s`);
    if (!best || run.seconds < best.seconds) best = run;
    // The query and the streaming alone, without working out the transitions.
    const rows = await timed(() => readStageEvents(store, { from: range.from, to: range.to, config: range.config }, () => undefined));
    read = Math.min(read, rows.seconds);
  }
  memory.stop();
  clearInterval(heapTimer);
  if (!best) throw new Error('nothing ran');
  const result = best.value;
  console.log(`stage flows by month, ${range.from} to ${range.to} (${result.periods.length} months), shop defaults:`);
  console.log(`  ${best.seconds.toFixed(2)} s; the single grouped scan ${scan.toFixed(2)} s; ratio ${(best.seconds / scan).toFixed(2)}x`);
  console.log(`  of which the query and streaming its rows: ${read.toFixed(2)} s (ratio ${(read / scan).toFixed(2)}x); transitions and counting: ${(best.seconds - read).toFixed(2)} s`);
  console.log(`  at the end: ${stages.map((s) => `${s} ${fmt(result.stages[s].customers)}`).join(', ')}`);
  console.log(`  moves over the range: ${fmt(result.flows.reduce((n, f) => n + f.moves, 0))}; ` +
    result.flows.map((f) => `${f.from ?? 'new'}->${f.to ?? 'linked'} ${fmt(f.moves)}`).join(', '));
  console.log(`  peak RSS ${memory.peakMiB()} MiB (DuckDB included); peak JS heap ${Math.round(heap / 2 ** 20)} MiB`);
});
