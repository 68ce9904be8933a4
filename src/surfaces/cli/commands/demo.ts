/** `tenure demo`: a seeded synthetic business with every event kind, loaded into the store. */
import { Command } from 'commander';
import { storeStatus } from '../../../analytics/store-status.js';
import { generateDemoEvents, writeDemoJsonl } from '../../../demo/index.js';
import { appendEvents } from '../../../ingest/append-events.js';
import { formatNumber, printJson, type Io } from '../output.js';
import { withAnyStore } from '../with-store.js';
import { dbHelp } from '../options.js';

const positiveInteger = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, not ${JSON.stringify(value)}`);
  return n;
};

export function demoCommand(io: Io): Command {
  return new Command('demo')
    .description(
      'Generate a realistic demo business (prospects, one-time and repeat buyers, subscribers, support, surveys, reviews, ' +
        'referrals, loyalty points, marketing touches) and load it into the store. The same seed makes the same business.',
    )
    .option('--customers <n>', 'how many customers and prospects', positiveInteger('--customers'), 5000)
    .option('--seed <n>', 'random seed', positiveInteger('--seed'), 42)
    .option('--end <date>', 'last day of the two-year history (YYYY-MM-DD)', '2026-09-30')
    .option('--out <file.jsonl>', 'write the events as Segment-shaped JSON lines instead of loading them')
    .option('--db <path>', dbHelp)
    .option('--json', 'print the result as JSON')
    .action(async (opts) => {
      const end = new Date(`${opts.end}T00:00:00Z`);
      if (Number.isNaN(end.getTime())) throw new Error(`--end ${JSON.stringify(opts.end)} is not a date (use YYYY-MM-DD)`);
      const options = { customers: opts.customers as number, seed: opts.seed as number, end };
      if (opts.out) {
        const stats = await writeDemoJsonl(opts.out, options);
        if (opts.json) return printJson(io, stats);
        io.out(`wrote ${formatNumber(stats.events)} events for ${formatNumber(stats.customers)} customers to ${opts.out}\nnext: npx tenure import ${opts.out}\n`);
        return;
      }
      const started = performance.now();
      const result = await withAnyStore(opts.db, async (store) => {
        const counts = await appendEvents(store, generateDemoEvents(options), { source: `demo-seed-${options.seed}` });
        return { counts, status: await storeStatus(store) };
      });
      const seconds = (performance.now() - started) / 1000;
      if (opts.json) return printJson(io, { ...result.counts, seconds, status: result.status });
      const s = result.status;
      io.out(
        [
          `Demo business loaded in ${seconds.toFixed(1)} s: ${formatNumber(result.counts.accepted)} new events (${formatNumber(result.counts.duplicates)} were already there).`,
          '',
          `customers        ${formatNumber(s.customers)}${s.anonymousProspects ? ` (+ ${formatNumber(s.anonymousProspects)} anonymous prospects)` : ''}`,
          `events           ${formatNumber(s.events)}`,
          `orders           ${formatNumber(s.orders)}, revenue ${formatNumber(s.revenue, 2)} ${s.currency}`,
          `span             ${s.firstEvent?.slice(0, 10)} .. ${s.lastEvent?.slice(0, 10)}`,
          '',
          'events by kind:',
          ...Object.entries(s.eventsByKind).map(([kind, n]) => `  ${kind.padEnd(26)} ${formatNumber(n).padStart(10)}`),
          '',
          'next:',
          `  npx tenure status`,
          `  npx tenure summary --as-of ${opts.end} --unit week | head`,
          `  npx tenure score --as-of ${opts.end}`,
          `  npx tenure customers --as-of ${opts.end}`,
          `  npx tenure lifecycle --from ${yearBefore(opts.end)} --to ${opts.end}`,
          `  npx tenure mrr --from ${yearBefore(opts.end)} --to ${opts.end}`,
          `  npx tenure channels --from ${yearBefore(opts.end)} --to ${opts.end}`,
          '',
        ].join('\n'),
      );
    });
}

/** The day after the same date a year earlier: the start of the year that ends on `end` (YYYY-MM-DD). */
function yearBefore(end: string): string {
  const date = new Date(`${end}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() - 1);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
