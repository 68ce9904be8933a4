/** `tenure score --as-of DATE`: write every customer's predictions and CLV into the store. */
import { Command, Option } from 'commander';
import { parseTimeUnit } from '../../../analytics/time-unit.js';
import { parsePurchaseModelName, purchaseModelNames } from '../../../valuation/purchase-models.js';
import { scoreCustomers } from '../../../valuation/score-customers.js';
import { formatNumber, printJson, type Io } from '../output.js';
import { withAnyStore } from '../with-store.js';
import { dbHelp } from '../options.js';

export function scoreCommand(io: Io): Command {
  return new Command('score')
    .description(
      'Fit a purchase model and the Gamma-Gamma spend model on the purchases up to a date, and store each customer\'s expected purchases over the horizon, ' +
        'probability of being alive, expected order value and CLV (discounted margin over the horizon), with the fit, for the lifecycle, alerts and profiles.',
    )
    .requiredOption('--as-of <date>', 'score with the purchases up to and including this date (YYYY-MM-DD)')
    .option('--horizon <n>', 'length of the prediction window, in --unit', Number, 12)
    .addOption(new Option('--unit <unit>', 'unit of the horizon (a month is 30.4375 days)').choices(['day', 'week', 'month']).default('month'))
    .option('--discount-rate <rate>', 'monthly discount rate of the CLV', Number, 0.01)
    .option('--margin <share>', 'share of revenue that is profit (CLV in revenue when 1)', Number, 1)
    .addOption(new Option('--model <name>', 'purchase model').choices([...purchaseModelNames]).default('bgnbd'))
    .addOption(new Option('--months <kind>', 'CLV months: of 30.4375 days, or the calendar months after --as-of').choices(['average', 'calendar']).default('average'))
    .option('--db <path>', dbHelp)
    .option('--json', 'print the result as JSON')
    .action(async (opts) => {
      const result = await withAnyStore(opts.db, (store) =>
        scoreCustomers(store, {
          asOf: opts.asOf,
          horizon: opts.horizon,
          unit: parseTimeUnit(opts.unit),
          discountRate: opts.discountRate,
          margin: opts.margin,
          model: parsePurchaseModelName(opts.model),
          months: opts.months,
        }),
      );
      if (opts.json) return printJson(io, result);
      const h = result.horizon;
      io.out(
        `Scored ${formatNumber(result.customers)} customers as of ${result.asOf} (fit ${result.fitId}, ${result.purchaseModel}` +
          `${result.spendFit ? ' + Gamma-Gamma' : ''}) in ${result.seconds.toFixed(1)} s.\n` +
          `Over the next ${h.length} ${h.unit}${h.length === 1 ? '' : 's'}: ${result.totals.expectedPurchases.toFixed(0)} expected repeat purchases` +
          `${result.totals.clv !== null ? `, CLV ${formatNumber(result.totals.clv, 2)} in total (${h.months} ${h.monthKind === 'calendar' ? 'calendar months' : 'months of 30.4375 days'}, discounted)` : ''}.\n` +
          `${result.spendSkipped ? `No CLV: ${result.spendSkipped}.\n` : ''}` +
          'The scores are in the customer_scores table, the fits in model_fits.\n',
      );
    });
}
