/**
 * `tenure mrr`: MRR, its movements and the subscription figures beside them, by day, week or month;
 * `tenure cohorts`: retention by the month customers first paid, and each plan's sBG retention model.
 */
import { Command } from 'commander';
import { loadConfig } from '../../../config/load-config.js';
import { parseGrain, type Grain } from '../../../lifecycle/periods.js';
import { cohortReport, type Cohort } from '../../../subscriptions/cohort-report.js';
import { mrrReport, parseGrouping, type MrrPeriod, type MrrReport } from '../../../subscriptions/mrr-report.js';
import { formatMoney, formatNumber, formatPercent, formatTable, printJson, type Io } from '../output.js';
import { withAnyStore } from '../with-store.js';
import { configHelp, dbHelp } from '../options.js';



function movementsTable(periods: readonly MrrPeriod[]): string {
  const head = ['period', 'opening', 'new', 'expansion', 'reactivation', 'contraction', 'churn', 'closing', 'ARR', 'customers'];
  return formatTable([
    head,
    ...periods.map((p) => [
      p.from, formatMoney(p.openingMrr), formatMoney(p.movements.new), formatMoney(p.movements.expansion), formatMoney(p.movements.reactivation),
      formatMoney(p.movements.contraction), formatMoney(p.movements.churn), formatMoney(p.closingMrr), formatMoney(p.arr), formatNumber(p.closingCustomers),
    ]),
  ]);
}

function ratesTable(periods: readonly MrrPeriod[]): string {
  const head = ['period', 'ARPA', 'customer churn', 'gross MRR churn', 'net MRR churn', 'renewals due', 'renewal rate', 'trials', 'trial conversion'];
  return formatTable([
    head,
    ...periods.map((p) => [
      p.from, p.arpa === null ? '-' : formatMoney(p.arpa), formatPercent(p.customerChurnRate), formatPercent(p.grossMrrChurnRate), formatPercent(p.netMrrChurnRate),
      formatNumber(p.renewals.due), formatPercent(p.renewals.rate), formatNumber(p.trials.started), formatPercent(p.trials.conversionRate),
    ]),
  ]);
}

/** The options `tenure mrr` and `tenure churn` share: the same report, shown two ways. */
function mrrOptions(command: Command): Command {
  return command
    .requiredOption('--from <date>', 'the first day (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'the last day, included (YYYY-MM-DD)')
    .option('--grain <grain>', 'day, week (Monday to Sunday) or month', 'month')
    .option('--by <grouping>', 'also split by plan or by kind (product or service)')
    .option('--json', 'print the report as JSON')
    .option('--config <path>', configHelp)
    .option('--db <path>', dbHelp);
}

async function runMrrReport(opts: { from: string; to: string; grain: string; by?: string; config?: string; db?: string }): Promise<{ grain: Grain; report: MrrReport }> {
  const grain = parseGrain(opts.grain);
  const by = opts.by === undefined ? null : parseGrouping(opts.by);
  const loaded = loadConfig({ path: opts.config });
  const report = await withAnyStore(opts.db, (store) => mrrReport(store, { from: opts.from, to: opts.to, grain, by, config: loaded.config }));
  return { grain, report };
}

export function mrrCommand(io: Io): Command {
  return mrrOptions(new Command('mrr'))
    .description(
      'Monthly recurring revenue by day, week or month: opening MRR, the movements (new, expansion, reactivation, contraction, churn) that ' +
        'add up exactly to the closing MRR, ARR, paying customers, ARPA, customer churn rate, gross and net MRR churn rate, renewal rate and ' +
        'trial conversion; overall, and by plan or by kind of subscription with --by. Definitions follow ChartMogul (docs/subscriptions.md).',
    )
    .action(async (opts) => {
      const { grain, report } = await runMrrReport(opts);
      if (opts.json) return printJson(io, report);
      const currency = ` (${report.currency})`;
      io.out(`MRR by ${grain}${currency}, ${report.from} to ${report.to}\n\n`);
      if (report.periods.every((p) => p.closingMrr === 0 && p.openingMrr === 0 && p.trials.started === 0)) {
        io.out('no subscription revenue in the range: MRR comes from subscription_started, _renewed, _changed and _cancelled events\n');
        return;
      }
      io.out(movementsTable(report.periods));
      io.out('\n' + ratesTable(report.periods));
      for (const group of report.groups) {
        io.out(`\n${report.by} ${group.group}\n`);
        io.out(movementsTable(group.periods));
      }
    });
}

function triangle(cohorts: readonly Cohort[], value: (month: Cohort['months'][number]) => number | null): string {
  const width = Math.max(0, ...cohorts.map((c) => c.months.length));
  const head = ['cohort', 'customers', ...Array.from({ length: width }, (_, k) => `m${k}`)];
  return formatTable([head, ...cohorts.map((c) => [c.cohort, formatNumber(c.customers), ...c.months.map((m) => formatPercent(value(m)))])]);
}

export function cohortsCommand(io: Io): Command {
  return new Command('cohorts')
    .description(
      'Subscription retention: customers grouped by the month they first paid, and for each later month the share still paying and their MRR ' +
        'against what they started with (net of expansion); then, for each plan, the shifted-beta-geometric model fitted on how many periods ' +
        'its subscriptions paid, with the retention it projects, the expected lifetime and the CLV of a new subscription.',
    )
    .requiredOption('--from <date>', 'the first day (YYYY-MM-DD): cohorts of the months from here')
    .requiredOption('--to <date>', 'the last day, included (YYYY-MM-DD)')
    .option('--discount-rate <rate>', 'monthly discount rate of the subscription CLV', Number, 0.01)
    .option('--json', 'print the report as JSON')
    .option('--config <path>', configHelp)
    .option('--db <path>', dbHelp)
    .action(async (opts) => {
      const loaded = loadConfig({ path: opts.config });
      const report = await withAnyStore(opts.db, (store) => cohortReport(store, { from: opts.from, to: opts.to, config: loaded.config, discountRate: opts.discountRate }));
      if (opts.json) return printJson(io, report);
      if (report.cohorts.length === 0 && report.plans.length === 0) {
        io.out(`no subscriptions from ${report.from} to ${report.to}: cohorts come from subscription_started, _renewed, _changed and _cancelled events\n`);
        return;
      }
      io.out(`customers still paying, by the month they first paid (m0 is that month's end), ${report.from} to ${report.to}\n\n`);
      io.out(triangle(report.cohorts, (m) => m.customerRetention));
      io.out(`\nMRR against the MRR each cohort started with\n\n`);
      io.out(triangle(report.cohorts, (m) => m.mrrRetention));
      const currency = ` (${report.currency})`;
      io.out(`\nsubscription lifetimes by plan: the sBG model (Fader and Hardie 2007); CLV of a new subscription${currency}, discounted at ${report.discountRate} a month\n\n`);
      const head = ['plan', 'period', 'ended', 'running', 'alpha', 'beta', 'after 1', 'after 3', 'after 12', 'expected periods', 'price', 'CLV', 'note'];
      io.out(formatTable([
        head,
        ...report.plans.map((p) => [
          p.plan, `${p.intervalCount === 1 ? '' : `${p.intervalCount} `}${p.interval}`, formatNumber(p.ended), formatNumber(p.running),
          p.fit ? p.fit.alpha.toFixed(3) : '-', p.fit ? p.fit.beta.toFixed(3) : '-',
          formatPercent(p.projectedRetention[0] ?? null), formatPercent(p.projectedRetention[2] ?? null), formatPercent(p.projectedRetention[11] ?? null),
          p.fit ? (p.expectedPeriods === null ? 'unbounded' : p.expectedPeriods.toFixed(1)) : '-', formatMoney(p.pricePerPeriod), p.clv === null ? '-' : formatMoney(p.clv), p.reason ?? '',
        ]),
      ]));
    });
}

export function churnCommand(io: Io): Command {
  return mrrOptions(new Command('churn'))
    .description(
      'Churn by day, week or month: paying customers at the start, how many churned and the customer churn rate; MRR lost to churn and ' +
        'contraction, the gross MRR churn rate, MRR won back by expansion and reactivation, the net MRR churn rate; renewals due and the ' +
        'renewal rate. The same figures as `tenure mrr`, from the same pass (docs/subscriptions.md).',
    )
    .action(async (opts) => {
      const { grain, report } = await runMrrReport(opts);
      const churnOf = (p: MrrPeriod) => ({
        from: p.from,
        to: p.to,
        openingCustomers: p.openingCustomers,
        churnedCustomers: p.movementCustomers.churn,
        customerChurnRate: p.customerChurnRate,
        openingMrr: p.openingMrr,
        churnedMrr: 0 - p.movements.churn,
        contractionMrr: 0 - p.movements.contraction,
        grossMrrChurnRate: p.grossMrrChurnRate,
        expansionMrr: p.movements.expansion,
        reactivationMrr: p.movements.reactivation,
        netMrrChurnRate: p.netMrrChurnRate,
        renewals: p.renewals,
      });
      if (opts.json) {
        return printJson(io, { from: report.from, to: report.to, grain, by: report.by, currency: report.currency, periods: report.periods.map(churnOf), groups: report.groups.map((g) => ({ group: g.group, periods: g.periods.map(churnOf) })) });
      }
      const head = ['period', 'customers', 'churned', 'churn rate', 'MRR', 'churned MRR', 'contraction', 'gross MRR churn', 'expansion + react.', 'net MRR churn', 'renewals due', 'renewal rate'];
      const rows = (periods: readonly MrrPeriod[]) =>
        formatTable([
          head,
          ...periods.map(churnOf).map((c) => [
            c.from, formatNumber(c.openingCustomers), formatNumber(c.churnedCustomers), formatPercent(c.customerChurnRate), formatMoney(c.openingMrr), formatMoney(c.churnedMrr),
            formatMoney(c.contractionMrr), formatPercent(c.grossMrrChurnRate), formatMoney(c.expansionMrr + c.reactivationMrr), formatPercent(c.netMrrChurnRate),
            formatNumber(c.renewals.due), formatPercent(c.renewals.rate),
          ]),
        ]);
      const currency = ` (${report.currency})`;
      io.out(`churn by ${grain}${currency}, ${report.from} to ${report.to}; customers and MRR at the start of each period\n\n`);
      io.out(rows(report.periods));
      for (const group of report.groups) io.out(`\n${report.by} ${group.group}\n${rows(group.periods)}`);
    });
}
