/** `tenure active`: active customers per day, week or month; `tenure compare-active`: active vs inactive side by side. */
import { Command } from 'commander';
import { loadConfig } from '../../../config/load-config.js';
import { activeOverTime, parseGrain } from '../../../lifecycle/active-over-time.js';
import { compareActive, type ActiveGroup } from '../../../lifecycle/compare-active.js';
import { formatNumber, printJson, type Io } from '../output.js';
import { withAnyStore } from '../with-store.js';
import { configHelp, configSource, dbHelp, today } from '../options.js';


export function activeCommand(io: Io): Command {
  return new Command('active')
    .description(
      'Active customers per day, week or month under the configured activity rule, from one pass over the events. ' +
        'A day counts who is active as of that day (as `tenure customers --as-of` marks them); a week or month gives the count on its last day, ' +
        'the number active at any time in it, the mean of its daily counts and the peak.',
    )
    .requiredOption('--from <date>', 'the first day (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'the last day, included (YYYY-MM-DD)')
    .option('--grain <grain>', 'day, week (Monday to Sunday) or month', 'day')
    .option('--json', 'print the periods as JSON')
    .option('--config <path>', configHelp)
    .option('--db <path>', dbHelp)
    .action(async (opts) => {
      const grain = parseGrain(opts.grain);
      const loaded = loadConfig({ path: opts.config });
      const result = await withAnyStore(opts.db, (store) => activeOverTime(store, { from: opts.from, to: opts.to, grain, config: loaded.config }));
      if (opts.json) return printJson(io, result);
      const rule = `${result.window}-day window${result.whileSubscribed ? ', or while subscribed' : ''}`;
      io.out(`active customers by ${grain}, ${result.from} to ${result.to} (${rule}; config: ${configSource(loaded)})\n\n`);
      const header = grain === 'day' ? ['day', 'active'] : [grain, 'to', 'active at end', 'at any time', 'daily mean', 'peak'];
      const rows = result.periods.map((p) =>
        grain === 'day' ? [p.from, formatNumber(p.active)] : [p.from, p.to, formatNumber(p.active), formatNumber(p.activeAnyTime), formatNumber(p.averageDaily, 1), formatNumber(p.peak)],
      );
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
      io.out([header, ...rows].map((r) => r.map((cell, i) => (i === 0 || (grain !== 'day' && i === 1) ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')).join('\n') + '\n');
    });
}

export function compareActiveCommand(io: Io): Command {
  return new Command('compare-active')
    .description(
      'Active vs inactive customers side by side as of a date: how many, engagement over the activity window, revenue share over the window ' +
        'and the trailing 365 days, historical and predicted CLV, and the relationship (tickets, contacts, CSAT, NPS over 365 days).',
    )
    .option('--as-of <date>', 'compare with the events up to and including this day (YYYY-MM-DD; default today)')
    .option('--json', 'print the comparison as JSON')
    .option('--config <path>', configHelp)
    .option('--db <path>', dbHelp)
    .action(async (opts) => {
      const asOf: string = opts.asOf ?? today();
      const loaded = loadConfig({ path: opts.config });
      const result = await withAnyStore(opts.db, (store) => compareActive(store, { asOf, config: loaded.config }));
      if (opts.json) return printJson(io, result);
      const rule = `${result.window}-day window${result.whileSubscribed ? ', or while subscribed' : ''}`;
      io.out(`active vs inactive customers and prospects as of ${asOf} (${rule}; config: ${configSource(loaded)})\n\n`);
      const n = (v: number | null, digits = 2) => (v === null ? '-' : formatNumber(v, digits));
      const pct = (v: number | null) => (v === null ? '-' : `${(v * 100).toFixed(1)}%`);
      const lines: [string, (g: ActiveGroup) => string][] = [
        ['customers', (g) => formatNumber(g.customers)],
        [`events per customer (${result.window} days)`, (g) => n(g.eventsPerCustomer)],
        [`page views per customer (${result.window} days)`, (g) => n(g.pageViewsPerCustomer)],
        [`interactions per customer (${result.window} days)`, (g) => n(g.interactionsPerCustomer)],
        [`revenue (${result.window} days)`, (g) => `${n(g.windowRevenue)} (${pct(g.windowRevenueShare)})`],
        ['revenue (365 days)', (g) => `${n(g.yearRevenue)} (${pct(g.yearRevenueShare)})`],
        ['average historical CLV', (g) => n(g.averageHistoricalClv)],
        [`average predicted CLV${result.fitAsOf ? ` (fit ${result.fitAsOf})` : ''}`, (g) => (g.averagePredictedClv === null ? '-' : `${n(g.averagePredictedClv)} (${formatNumber(g.scoredCustomers)} scored)`)],
        ['tickets per customer (365 days)', (g) => n(g.ticketsPerCustomer)],
        ['contacts per customer (365 days)', (g) => n(g.contactsPerCustomer)],
        ['average CSAT (365 days)', (g) => (g.averageCsat === null ? '-' : `${n(g.averageCsat)} (${formatNumber(g.csatAnswers)})`)],
        ['average NPS (365 days)', (g) => (g.averageNps === null ? '-' : `${n(g.averageNps, 1)} (${formatNumber(g.npsAnswers)})`)],
      ];
      const rows = [['', 'active', 'inactive'], ...lines.map(([label, value]) => [label, value(result.active), value(result.inactive)])];
      const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
      io.out(rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')).join('\n') + '\n');
    });
}
