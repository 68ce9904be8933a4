/**
 * Active customers over time benchmark (issue 5): daily active customers over two years (2024 and 2025)
 * with a 30-day window on 1,000,000 customers and 10,000,000 events (the log of bench/classify.ts), from
 * one pass over the events (intervals merged per customer, then a sweep over their starts and ends),
 * against a single grouped scan of the events (count and latest event per customer, materialised).
 * Also the same with "active while subscribed" (the subscription preset), which adds the subscription
 * intervals, and by month with the number active at any time in each month.
 *
 * Each side runs three times, alternating, and keeps its best time: the machine has 2 cores, often shared.
 *
 * Run: npm run build && node --expose-gc dist/bench/active-over-time.js [customers]
 */
import { parseConfig } from '../src/config/load-config.js';
import { activeOverTime, type ActiveOverTime } from '../src/lifecycle/active-over-time.js';
import { withGeneratedStore } from './lifecycle-events.js';
import { groupedScanSeconds } from './grouped-scan.js';
import { sampleMemory, timed } from './memory-sampler.js';

const customers = Number(process.argv[2] ?? 1_000_000);
const range = { from: '2024-01-01', to: '2025-12-31', grain: 'day' as const };
const shop = parseConfig({ activity: { window: 30 } });
const subscribed = parseConfig({ preset: 'subscription', activity: { window: 30 } });
const fmt = (n: number) => n.toLocaleString('en-US');

await withGeneratedStore(customers, async (store) => {

  let scan = Number.POSITIVE_INFINITY;
  let bestShop: { seconds: number; value: ActiveOverTime } | undefined;
  let bestSubscribed: { seconds: number; value: ActiveOverTime } | undefined;
  let bestMonthly: { seconds: number; value: ActiveOverTime } | undefined;
  const memory = sampleMemory();
  for (let attempt = 0; attempt < 3; attempt++) {
    scan = Math.min(scan, await groupedScanSeconds(store));
    (globalThis as { gc?: () => void }).gc?.();
    const a = await timed(() => activeOverTime(store, { ...range, config: shop }));
    if (!bestShop || a.seconds < bestShop.seconds) bestShop = a;
    const b = await timed(() => activeOverTime(store, { ...range, config: subscribed }));
    if (!bestSubscribed || b.seconds < bestSubscribed.seconds) bestSubscribed = b;
    const c = await timed(() => activeOverTime(store, { ...range, grain: 'month', config: shop }));
    if (!bestMonthly || c.seconds < bestMonthly.seconds) bestMonthly = c;
  }
  memory.stop();
  if (!bestShop || !bestSubscribed || !bestMonthly) throw new Error('nothing ran');
  const days = bestShop.value.periods;
  const sample = (r: ActiveOverTime) => [0, 29, 180, 365, 729].map((d) => `${r.periods[d]?.from} ${fmt(r.periods[d]?.active ?? 0)}`).join(', ');
  console.log(`daily active customers, ${range.from} to ${range.to} (${days.length} days), 30-day window:`);
  console.log(`  shop rule: ${bestShop.seconds.toFixed(2)} s; ratio to the single grouped scan (${scan.toFixed(2)} s) ${(bestShop.seconds / scan).toFixed(2)}x`);
  console.log(`    ${sample(bestShop.value)}`);
  console.log(`  active while subscribed (subscription preset): ${bestSubscribed.seconds.toFixed(2)} s; ratio ${(bestSubscribed.seconds / scan).toFixed(2)}x`);
  console.log(`    ${sample(bestSubscribed.value)}`);
  const months = bestMonthly.value.periods;
  console.log(`  by month with the number active at any time in each (shop rule): ${bestMonthly.seconds.toFixed(2)} s; ratio ${(bestMonthly.seconds / scan).toFixed(2)}x`);
  console.log(`    ${[0, 11, 23].map((i) => `${months[i]?.from}: at end ${fmt(months[i]?.active ?? 0)}, at any time ${fmt(months[i]?.activeAnyTime ?? 0)}`).join('; ')}`);
  console.log(`  peak RSS ${memory.peakMiB()} MiB (DuckDB included)`);
});
