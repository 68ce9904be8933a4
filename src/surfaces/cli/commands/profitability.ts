/**
 * `tenure profitability`: what each customer has been worth so far, after goods, service and acquisition;
 * `tenure channels`: what each channel (or platform) cost and brought.
 */
import { Command } from 'commander';
import { loadConfig } from '../../../config/load-config.js';
import { channelReport, parseChannelGrouping } from '../../../profitability/channel-report.js';
import { profitabilityReport, type CustomerProfit } from '../../../profitability/customer-profitability.js';
import { formatMoney, formatNumber, formatPercent, formatTable, printJson, type Io } from '../output.js';
import { withAnyStore } from '../with-store.js';
import { configHelp, dbHelp, today } from '../options.js';


const ratio = (value: number | null) => (value === null ? '-' : `${value.toFixed(1)}x`);

function customersTable(customers: readonly CustomerProfit[]): string {
  const head = ['customer', 'channel', 'net revenue', 'goods', 'service', 'acquisition', 'profit', 'ROI'];
  return formatTable([
    head,
    ...customers.map((c) => [
      c.customer_id, c.channel, formatMoney(c.netRevenue), formatMoney(c.costOfGoods), formatMoney(c.costToServe), formatMoney(c.acquisitionCost), formatMoney(c.profit), ratio(c.roi),
    ]),
  ]);
}

export function profitabilityCommand(io: Io): Command {
  return new Command('profitability')
    .description(
      "What each customer has been worth so far, as of a date: revenue (orders and subscription payments) net of refunds, discounts, the cost of " +
        'their goods, the cost to serve them (support tickets at profitability.supportTicketCost), what acquiring them cost (their marketing ' +
        'touches up to the first purchase), profit and ROI; the totals, and the most and least profitable customers.',
    )
    .option('--as-of <date>', 'with the events up to and including this day (YYYY-MM-DD; default today)')
    .option('--top <n>', 'customers in each list', Number, 10)
    .option('--json', 'print the report as JSON')
    .option('--config <path>', configHelp)
    .option('--db <path>', dbHelp)
    .action(async (opts) => {
      const asOf: string = opts.asOf ?? today();
      const loaded = loadConfig({ path: opts.config });
      const report = await withAnyStore(opts.db, (store) => profitabilityReport(store, { asOf, config: loaded.config, top: opts.top }));
      if (opts.json) return printJson(io, report);
      const t = report.totals;
      const currency = ` ${report.currency}`;
      io.out(`${formatNumber(report.customers)} customers as of ${report.asOf}${currency}\n\n`);
      io.out(formatTable([
        ['', 'amount'],
        ['revenue', formatMoney(t.revenue)], ['discounts given', formatMoney(t.discounts)], ['refunds', formatMoney(0 - t.refunds)], ['net revenue', formatMoney(t.netRevenue)],
        ['cost of goods', formatMoney(0 - t.costOfGoods)], ['gross margin', formatMoney(t.grossMargin)],
        [`cost to serve (${formatNumber(t.tickets)} tickets)`, formatMoney(0 - t.costToServe)], ['acquisition', formatMoney(0 - t.acquisitionCost)], ['profit', formatMoney(t.profit)],
      ]));
      io.out(`\ncost of goods known for ${formatPercent(t.costCoverage)} of order lines' value; ` +
        (report.supportTicketCost === 0 ? 'cost to serve not counted (set profitability.supportTicketCost); ' : `a ticket costs ${formatMoney(report.supportTicketCost)}; `) +
        `acquisition credited to the ${report.attribution === 'first_touch' ? 'first' : 'last'} touch\n`);
      if (report.most.length > 0) io.out(`\nmost profitable\n${customersTable(report.most)}\nleast profitable\n${customersTable(report.least)}`);
    });
}

export function channelsCommand(io: Io): Command {
  return new Command('channels')
    .description(
      'Acquisition channels (or platforms) from `from` to `to`: spend, prospects and their conversion to a first purchase, customers acquired, ' +
        'CAC, what those customers have paid and are predicted to pay, CLV:CAC and the months to pay back their acquisition. A customer is ' +
        'credited to their first marketing touch (or the last before the first purchase, with profitability.attribution: last_touch).',
    )
    .requiredOption('--from <date>', 'the first day (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'the last day, included (YYYY-MM-DD)')
    .option('--by <grouping>', 'channel or platform', 'channel')
    .option('--json', 'print the report as JSON')
    .option('--config <path>', configHelp)
    .option('--db <path>', dbHelp)
    .action(async (opts) => {
      const by = parseChannelGrouping(opts.by);
      const loaded = loadConfig({ path: opts.config });
      const report = await withAnyStore(opts.db, (store) => channelReport(store, { from: opts.from, to: opts.to, by, config: loaded.config }));
      if (opts.json) return printJson(io, report);
      const currency = ` ${report.currency}`;
      io.out(`${by === 'channel' ? 'channels' : 'platforms'}, ${report.from} to ${report.to}${currency}; acquisition credited to the ${report.attribution === 'first_touch' ? 'first' : 'last'} touch` +
        `${report.fitAsOf ? `; predicted CLV from the model fit as of ${report.fitAsOf}` : '; no model fit: run `tenure score` for predicted CLV'}\n\n`);
      const head = [by, 'spend', 'prospects', 'converted', 'acquired', 'CAC', 'revenue', 'CLV so far', 'predicted', 'CLV:CAC', 'payback (months)'];
      io.out(formatTable([
        head,
        ...report.rows.map((r) => [
          r.key, formatMoney(r.spend), formatNumber(r.prospects), formatPercent(r.conversionRate), formatNumber(r.customersAcquired), formatMoney(r.cac), formatMoney(r.revenue),
          formatMoney(r.historicalClv), formatMoney(r.predictedClv), ratio(r.clvToCac), r.paybackMonths === null ? '-' : r.paybackMonths.toFixed(1),
        ]),
      ]));
    });
}
