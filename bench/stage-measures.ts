/**
 * Each stage's own measures benchmark: `stageMeasures` by month over two years (2024 and 2025) on
 * 1,000,000 customers and 10,000,000 events (the log of bench/lifecycle-events.ts), against a single
 * grouped scan of the events (count and latest event per customer, materialised), with the time of each
 * of its four queries. That log has product views but no carts or checkouts, so the funnel is run a
 * second time after adding them: an add to cart 5 minutes after 60% of the product views and a checkout
 * 10 minutes after half of those (about 0.63 million events more).
 *
 * Each side runs three times, alternating, and keeps its best time: the machine has 2 cores, often shared.
 *
 * Run: npm run build && node --expose-gc dist/bench/stage-measures.js [customers]
 */
import { hasAnonymousEvents } from '../src/analytics/resolved-events.js';
import { parseConfig } from '../src/config/load-config.js';
import { stageMeasures, type StageMeasures } from '../src/lifecycle/stage-measures.js';
import { funnelSql, lapsesSql, peopleMeasuresSql, periodMeasuresSql, type MeasuresSqlOptions } from '../src/lifecycle/stage-measures-sql.js';
import { withGeneratedStore } from './lifecycle-events.js';
import { groupedScanSeconds } from './grouped-scan.js';
import { sampleMemory, timed } from './memory-sampler.js';

const customers = Number(process.argv[2] ?? 1_000_000);
const range = { from: '2024-01-01', to: '2025-12-31', grain: 'month' as const, config: parseConfig({}) };
const fmt = (n: number) => n.toLocaleString('en-US');
const gc = () => (globalThis as { gc?: () => void }).gc?.();

const funnelEvents = `INSERT INTO events (kind, customer_id, anonymous_id, occurred_at, properties, import_id)
  SELECT 'product_added_to_cart', customer_id, anonymous_id, occurred_at + INTERVAL 5 MINUTE, properties, 0
  FROM events WHERE kind = 'product_viewed' AND hash(occurred_at, customer_id, anonymous_id) % 10 < 6
  UNION ALL
  SELECT 'checkout_started', customer_id, anonymous_id, occurred_at + INTERVAL 15 MINUTE, NULL, 0
  FROM events WHERE kind = 'product_viewed' AND hash(occurred_at, customer_id, anonymous_id) % 10 < 3`;

await withGeneratedStore(customers, async (store) => {

  const options: MeasuresSqlOptions = { ...range, dialect: 'duckdb', anonymous: await hasAnonymousEvents(store) };
  const parts = {
    'people (reach, acquisition, first orders, conversion)': peopleMeasuresSql(options),
    'period events (orders, CSAT, NPS, reviews, referrals, advocates)': periodMeasuresSql(options, []),
    'checkout funnel': funnelSql(options),
    'lapses (churn)': lapsesSql(options),
  };
  let scan = Number.POSITIVE_INFINITY;
  let best: { seconds: number; value: StageMeasures } | undefined;
  const partBest = new Map<string, number>();
  const memory = sampleMemory();
  for (let attempt = 0; attempt < 3; attempt++) {
    scan = Math.min(scan, await groupedScanSeconds(store));
    gc();
    const run = await timed(() => stageMeasures(store, range));
    if (!best || run.seconds < best.seconds) best = run;
    gc();
    for (const [name, query] of Object.entries(parts)) {
      const part = await timed(() => store.query(query.sql, query.params));
      partBest.set(name, Math.min(partBest.get(name) ?? Number.POSITIVE_INFINITY, part.seconds));
    }
  }
  memory.stop();
  if (!best) throw new Error('nothing ran');
  const months = best.value.periods;
  console.log(`each stage's measures by month, ${range.from} to ${range.to} (${months.length} months):`);
  console.log(`  ${best.seconds.toFixed(2)} s; ratio to the single grouped scan (${scan.toFixed(2)} s) ${(best.seconds / scan).toFixed(2)}x`);
  for (const [name, seconds] of partBest) console.log(`    ${name}: ${seconds.toFixed(2)} s`);
  const m = months[12];
  if (m) {
    console.log(`  ${m.from}: ${fmt(m.reach.newProspects)} new prospects, ${fmt(m.acquisition.leads)} leads, ${fmt(m.conversion.firstOrders)} first orders, ` +
      `${fmt(m.retention.orderingCustomers)} ordering (${((m.retention.repeatRate ?? 0) * 100).toFixed(1)}% repeat), churned ${fmt(m.retention.churn.churned)} of ${fmt(m.retention.churn.customersAtStart)}, NPS ${m.loyalty.nps.score?.toFixed(1)}`);
  }
  console.log(`  peak RSS ${memory.peakMiB()} MiB (DuckDB included)`);

  const added = await store.run(funnelEvents);
  await store.run('CHECKPOINT'); // the added rows compressed and on disk like the rest, as after an import
  gc();
  let funnelBest = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 2; attempt++) {
    const query = funnelSql(options);
    funnelBest = Math.min(funnelBest, (await timed(() => store.query(query.sql, query.params))).seconds);
  }
  const all = await timed(() => stageMeasures(store, range));
  const withFunnel = all.value;
  const steps = withFunnel.periods[12]?.conversion.funnel.map((s) => fmt(s.people)).join(' > ');
  console.log(`with ${fmt(added)} cart and checkout events added: the funnel query ${funnelBest.toFixed(2)} s, everything ${all.seconds.toFixed(2)} s (one run); ${withFunnel.periods[12]?.from}: ${steps}`);
});
