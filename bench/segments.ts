/**
 * Segment benchmark: members of a filter as of one date on 1,000,000 customers (10,000,000 events, the
 * generator of bench/lifecycle-events.ts), against classifying everyone (`tenure customers`). Three
 * filters: one on the classification (everyone is classified, the classifications written to a table
 * beside the facts, then the filter runs in SQL), one on the facts alone (no classification but the
 * members'), one on a trait (the identify events read as of the date). For each, the count alone
 * (`segments size` pays this per period) and the members streamed out classified (`segments show`,
 * `customers --segment`).
 *
 * Each side runs twice, alternating, and keeps its best time: the machine has 2 cores, often shared.
 *
 * Run: npm run build && node --expose-gc dist/bench/segments.js [customers]
 */
import { parseConfig } from '../src/config/load-config.js';
import { classifyCustomers } from '../src/lifecycle/classify-customers.js';
import { segmentCount, segmentMembers } from '../src/segments/segment-members.js';
import { withGeneratedStore } from './lifecycle-events.js';
import { sampleMemory, timed } from './memory-sampler.js';

const customers = Number(process.argv[2] ?? 1_000_000);
const asOf = '2025-12-31';
const config = parseConfig({});
const fmt = (n: number) => n.toLocaleString('en-US');
const filters = {
  classification: 'stage in (retention, loyalty) and not active',
  facts: 'orders >= 3 and days_since_last_order <= 90',
  trait: 'trait.country = "NL" and orders >= 1',
};

await withGeneratedStore(customers, async (store) => {

  const best = new Map<string, number>();
  const note = (name: string, seconds: number) => best.set(name, Math.min(best.get(name) ?? Number.POSITIVE_INFINITY, seconds));
  const found = new Map<string, number>();
  const memory = sampleMemory();
  let heapPeak = 0;
  const heap = setInterval(() => {
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }, 20);
  for (let attempt = 0; attempt < 2; attempt++) {
    (globalThis as { gc?: () => void }).gc?.();
    let classified = 0;
    note('classify everyone (tenure customers)', (await timed(() => classifyCustomers(store, { asOf, config }, (batch) => void (classified += batch.length)))).seconds);
    found.set('everyone', classified);
    for (const [kind, filter] of Object.entries(filters)) {
      const count = await timed(() => segmentCount(store, { filter, asOf, config }));
      note(`${kind}: count`, count.seconds);
      found.set(kind, count.value.members);
      let members = 0;
      const streamed = await timed(() => segmentMembers(store, { filter, asOf, config }, (batch) => void (members += batch.length)));
      note(`${kind}: members, classified and ordered`, streamed.seconds);
      if (members !== count.value.members) throw new Error(`${kind}: ${members} members streamed, ${count.value.members} counted`);
    }
  }
  clearInterval(heap);
  memory.stop();

  const base = best.get('classify everyone (tenure customers)') ?? 1;
  console.log(`as of ${asOf}, ${fmt(found.get('everyone') ?? 0)} customers and prospects; best of 2 runs`);
  for (const [kind, filter] of Object.entries(filters)) console.log(`  ${kind} filter: ${filter} (${fmt(found.get(kind) ?? 0)} members)`);
  for (const [name, seconds] of best) console.log(`  ${name.padEnd(48)} ${seconds.toFixed(2).padStart(6)} s  ratio to classifying everyone ${(seconds / base).toFixed(2)}x`);
  console.log(`  peak RSS ${memory.peakMiB()} MiB (DuckDB included), peak JS heap ${Math.round(heapPeak / 2 ** 20)} MiB`);
});
