/** `tenure clv`: fit a purchase model on a calibration period and check it against a holdout period. */
import { Command, Option } from 'commander';
import { parseTimeUnit } from '../../../analytics/time-unit.js';
import { holdoutValidation, type HoldoutReport } from '../../../valuation/holdout-validation.js';
import { parsePurchaseModelName, purchaseModelNames } from '../../../valuation/purchase-models.js';
import { formatNumber, printJson, type Io } from '../output.js';
import { withAnyStore } from '../with-store.js';
import { dbHelp } from '../options.js';

function printReport(io: Io, r: HoldoutReport): void {
  const p = Object.entries(r.fit.params).map(([k, v]) => `${k}=${v.toPrecision(4)}`).join(', ');
  io.out(`${r.model} fitted on ${formatNumber(r.calibration.customers)} customers (${formatNumber(r.calibration.repeatCustomers)} repeat) ` +
    `from ${r.calibration.start} to ${r.calibration.end}, time unit ${r.unit} (${r.unitDays} days): ${p}\n`);
  if (!r.holdout) return;
  const h = r.holdout;
  io.out(`\nrepeat transactions in the holdout (${r.calibration.end} .. ${h.end}, ${h.length.toFixed(1)} ${r.unit}s):\n`);
  io.out(`  actual ${formatNumber(h.total.actual)}, model ${h.total.model.toFixed(1)}, naive ${h.total.naive.toFixed(1)}\n`);
  io.out(`  mean absolute error per customer: model ${h.meanAbsoluteError.model.toFixed(3)}, naive ${h.meanAbsoluteError.naive.toFixed(3)}\n\n`);
  io.out('  calibration frequency   customers   actual    model    naive   (mean holdout repeat transactions)\n');
  for (const row of h.byFrequency) {
    io.out(`  ${(row.frequency === 7 ? '7+' : String(row.frequency)).padStart(21)} ${formatNumber(row.customers).padStart(11)} ${row.actual.toFixed(2).padStart(8)} ${row.model.toFixed(2).padStart(8)} ${row.naive.toFixed(2).padStart(8)}\n`);
  }
  io.out('\n  (--json gives the week-by-week cumulative tracking as well)\n');
}

export function clvCommand(io: Io): Command {
  return new Command('clv')
    .description('Fit a purchase model on the purchases up to the calibration end; with a holdout end, compare predicted and actual repeat transactions (in total, by calibration frequency, and period by period) beside a naive baseline.')
    .requiredOption('--calibration-end <date>', 'last day of the calibration period (YYYY-MM-DD)')
    .option('--holdout-end <date>', 'last day of the holdout period (YYYY-MM-DD)')
    .addOption(new Option('--unit <unit>', 'time unit (a month is 30.4375 days)').choices(['day', 'week', 'month']).default('week'))
    .addOption(new Option('--model <name>', 'purchase model').choices([...purchaseModelNames]).default('bgnbd'))
    .option('--db <path>', dbHelp)
    .option('--json', 'print the report as JSON')
    .action(async (opts) => {
      const report = await withAnyStore(opts.db, (store) =>
        holdoutValidation(store, { calibrationEnd: opts.calibrationEnd, holdoutEnd: opts.holdoutEnd, unit: parseTimeUnit(opts.unit), model: parsePurchaseModelName(opts.model) }),
      );
      if (opts.json) printJson(io, report);
      else printReport(io, report);
    });
}
