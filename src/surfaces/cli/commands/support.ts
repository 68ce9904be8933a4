/** `tenure support`: customer service metrics over a range of days. */
import { Command } from 'commander';
import { supportMetrics, type SupportSlot, type TimeStats } from '../../../lifecycle/support-metrics.js';
import { formatNumber, formatTable, printJson, type Io } from '../output.js';
import { withAnyStore } from '../with-store.js';
import { dbHelp } from '../options.js';

const days = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function supportCommand(io: Io): Command {
  return new Command('support')
    .description(
      'Customer service from `from` to `to`: tickets opened, resolved and still open at the end, by channel; first-response (minutes) and ' +
        'resolution (hours) times, median and 90th percentile, of the tickets opened in the range; tickets opened and median first response ' +
        'by hour of day and day of week (UTC); CSAT of the surveys answered after support.',
    )
    .requiredOption('--from <date>', 'the first day (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'the last day, included (YYYY-MM-DD)')
    .option('--json', 'print the metrics as JSON')
    .option('--db <path>', dbHelp)
    .action(async (opts) => {
      const result = await withAnyStore(opts.db, (store) => supportMetrics(store, { from: opts.from, to: opts.to }));
      if (opts.json) return printJson(io, result);
      const n = (v: number | null, digits = 1) => (v === null ? '-' : formatNumber(v, digits));
      const times = (t: TimeStats) => [n(t.median), n(t.p90)];
      io.out(`customer service, ${result.from} to ${result.to} (times of the tickets opened in the range and resolved by its end)\n\n`);
      const head = ['channel', 'opened', 'resolved', 'open at end', 'first response median (min)', 'p90', 'resolution median (h)', 'p90'];
      const groups = [...result.byChannel, { channel: 'all', ...result.overall }];
      io.out(formatTable([head, ...groups.map((g) => [g.channel, formatNumber(g.opened), formatNumber(g.resolved), formatNumber(g.openAtEnd), ...times(g.firstResponseMinutes), ...times(g.resolutionHours)])]));
      const slots = (label: string, list: SupportSlot[], name: (slot: number) => string) =>
        formatTable([[label, 'opened', 'median first response (min)'], ...list.map((s) => [name(s.slot), formatNumber(s.opened), n(s.medianFirstResponseMinutes)])]);
      io.out('\n' + slots('day', result.byDayOfWeek, (d) => days[d] ?? String(d)));
      io.out('\n' + slots('hour (UTC)', result.byHour, (h) => `${String(h).padStart(2, '0')}:00`));
      const { csat } = result;
      io.out(
        csat.answers === 0
          ? '\nCSAT after support: no answers\n'
          : `\nCSAT after support: ${formatNumber(csat.answers)} answers, average ${n(csat.average, 2)}, ${((csat.satisfiedShare ?? 0) * 100).toFixed(1)}% rated 4 or 5\n`,
      );
    });
}
