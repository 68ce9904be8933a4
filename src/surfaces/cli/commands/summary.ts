/** `tenure summary --as-of DATE`: one row per customer who has purchased by that date. */
import { Command, Option } from 'commander';
import { customerSummary } from '../../../analytics/customer-summary.js';
import { parseTimeUnit } from '../../../analytics/time-unit.js';
import { printCsv, printJson, type Io } from '../output.js';
import { withAnyStore } from '../with-store.js';
import { dbHelp } from '../options.js';

export function summaryCommand(io: Io): Command {
  return new Command('summary')
    .description(
      'Per-customer purchase summary as of a date: frequency (repeat purchase days), recency and T (age) in the unit, ' +
        'monetary_value (mean repeat transaction), orders, revenue, average order value, full-price share, first and last purchase.',
    )
    .requiredOption('--as-of <date>', 'the date to summarise up to and including (YYYY-MM-DD)')
    .addOption(new Option('--unit <unit>', 'time unit of recency and T (a month is 30.4375 days)').choices(['day', 'week', 'month']).default('week'))
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv']).default('csv'))
    .option('--json', 'same as --format json')
    .option('--db <path>', dbHelp)
    .action(async (opts) => {
      const unit = parseTimeUnit(opts.unit);
      const rows = await withAnyStore(opts.db, (store) => customerSummary(store, { asOf: opts.asOf, unit }));
      if (opts.json || opts.format === 'json') printJson(io, rows);
      else printCsv(io, rows);
    });
}
