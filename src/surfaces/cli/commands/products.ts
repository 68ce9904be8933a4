/** `tenure products`: the products (or categories) that make the money, overall and among high-value customers. */
import { Command } from 'commander';
import { loadConfig } from '../../../config/load-config.js';
import { parseProductGrouping, productReport, type ProductRow } from '../../../products/product-report.js';
import { formatMoney, formatNumber, formatPercent, formatTable, printJson, type Io } from '../output.js';
import { withAnyStore } from '../with-store.js';
import { configHelp, dbHelp } from '../options.js';



export function productsCommand(io: Io): Command {
  return new Command('products')
    .description(
      'Products (or categories) from `from` to `to`: units, orders, customers, revenue, discounts off list price, refunds, cost of goods, ' +
        'margin and the share bought at full price; the most profitable overall and among the customers who are high value at the end of the range.',
    )
    .requiredOption('--from <date>', 'the first day (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'the last day, included (YYYY-MM-DD)')
    .option('--by <grouping>', 'product or category', 'product')
    .option('--top <n>', 'rows in each list (without --json)', Number, 10)
    .option('--json', 'print every product as JSON')
    .option('--config <path>', configHelp)
    .option('--db <path>', dbHelp)
    .action(async (opts) => {
      const by = parseProductGrouping(opts.by);
      const loaded = loadConfig({ path: opts.config });
      const report = await withAnyStore(opts.db, (store) => productReport(store, { from: opts.from, to: opts.to, by, config: loaded.config }));
      if (opts.json) return printJson(io, report);
      if (report.rows.length === 0) {
        io.out(`no order lines from ${report.from} to ${report.to}: products come from the \`products\` of order_completed events\n`);
        return;
      }
      const t = report.totals;
      const currency = ` ${report.currency}`;
      io.out(`${by === 'product' ? 'products' : 'categories'}, ${report.from} to ${report.to}: ${formatNumber(t.units)} units, net revenue ${formatMoney(t.netRevenue)}${currency} ` +
        `(${formatMoney(t.discounts)} discounts, ${formatMoney(t.refunds)} refunds), margin ${formatMoney(t.margin)} (${formatPercent(t.marginRate)}; cost known for ${formatPercent(t.costCoverage)} of units), ` +
        `${formatPercent(t.fullPriceShare)} of units at full price\n\n`);
      const head = [by, 'name', 'units', 'net revenue', 'margin', 'margin %', 'full price', 'customers'];
      const row = (r: ProductRow, figures: ProductRow | ProductRow['highValue']) => [
        r.key, (by === 'product' ? r.name : null) ?? '', formatNumber(figures.units), formatMoney(figures.netRevenue), formatMoney(figures.margin),
        formatPercent(figures.marginRate), formatPercent(figures.fullPriceShare), formatNumber(figures.customers),
      ];
      io.out(`most profitable\n${formatTable([head, ...report.rows.slice(0, opts.top).map((r) => row(r, r))], 2)}`);
      const best = [...report.rows].filter((r) => r.highValue.units > 0).sort((a, b) => b.highValue.margin - a.highValue.margin || b.highValue.netRevenue - a.highValue.netRevenue);
      io.out(`\nmost profitable among the ${formatNumber(report.highValueCustomers)} high-value customers (as of ${report.to})\n`);
      io.out(best.length === 0 ? 'none bought in the range\n' : formatTable([head, ...best.slice(0, opts.top).map((r) => row(r, r.highValue))], 2));
    });
}
