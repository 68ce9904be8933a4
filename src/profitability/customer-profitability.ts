/**
 * What each customer is worth to the business so far: revenue net of refunds, minus the cost of their
 * goods, the cost to serve them (support tickets at `profitability.supportTicketCost`) and what it cost
 * to acquire them (their marketing touches up to the first purchase); with ROI, and the channel and
 * platform credited with acquiring them. docs/profitability.md defines each figure.
 */
import type { TenureConfig } from '../config/config-schema.js';
import { endOfDay } from '../analytics/time-unit.js';
import { byText } from '../store/sql-dialect.js';
import type { Store } from '../store/store.js';
import { economicsTable, withCustomerEconomics } from './customer-economics.js';
import { reportingCurrency } from '../store/settings.js';

export interface CustomerProfit {
  customer_id: string;
  anonymous: boolean;
  firstPurchase: string | null;
  channel: string;
  platform: string;
  orders: number;
  revenue: number;
  discounts: number;
  refunds: number;
  netRevenue: number;
  costOfGoods: number;
  /** The share of the order lines' value whose cost is known. */
  costCoverage: number | null;
  grossMargin: number;
  tickets: number;
  costToServe: number;
  acquisitionCost: number;
  profit: number;
  /** profit / (acquisition cost + cost to serve); null when both are 0. */
  roi: number | null;
}

export interface ProfitabilityReport {
  asOf: string;
  currency: string;
  attribution: TenureConfig['profitability']['attribution'];
  supportTicketCost: number;
  customers: number;
  totals: Omit<CustomerProfit, 'customer_id' | 'anonymous' | 'firstPurchase' | 'channel' | 'platform'>;
  /** The most and the least profitable customers. */
  most: CustomerProfit[];
  least: CustomerProfit[];
}

type Raw = Record<string, unknown>;

/** The SELECT list computing every figure from the economics table, with the ticket cost bound as `$1`. */
const figuresSql = `orders, revenue, discounts, refunds, revenue - refunds AS net_revenue, cost_of_goods,
  CASE WHEN line_revenue = 0 THEN NULL ELSE CAST(costed_revenue AS DOUBLE) / CAST(line_revenue AS DOUBLE) END AS cost_coverage,
  revenue - refunds - cost_of_goods AS gross_margin, tickets, tickets * CAST($1 AS DECIMAL(18,4)) AS cost_to_serve, acquisition_cost,
  revenue - refunds - cost_of_goods - tickets * CAST($1 AS DECIMAL(18,4)) - acquisition_cost AS profit`;

function figures(row: Raw): ProfitabilityReport['totals'] {
  const n = (key: string) => Number(row[key] ?? 0);
  const spent = n('acquisition_cost') + n('cost_to_serve');
  return {
    orders: n('orders'),
    revenue: n('revenue'),
    discounts: n('discounts'),
    refunds: n('refunds'),
    netRevenue: n('net_revenue'),
    costOfGoods: n('cost_of_goods'),
    costCoverage: row.cost_coverage === null || row.cost_coverage === undefined ? null : n('cost_coverage'),
    grossMargin: n('gross_margin'),
    tickets: n('tickets'),
    costToServe: n('cost_to_serve'),
    acquisitionCost: n('acquisition_cost'),
    profit: n('profit'),
    roi: spent === 0 ? null : n('profit') / spent,
  };
}

function customer(row: Raw): CustomerProfit {
  const first = row.first_purchase_at;
  return {
    customer_id: String(row.customer_id),
    anonymous: row.anonymous === true,
    firstPurchase: first instanceof Date ? first.toISOString() : first === null || first === undefined ? null : String(first),
    channel: String(row.channel),
    platform: String(row.platform),
    ...figures(row),
  };
}

const doubleFor = (store: Store, sql: string) => (store.dialect === 'postgres' ? sql.replaceAll('AS DOUBLE)', 'AS DOUBLE PRECISION)') : sql);

/** Every customer (someone with a purchase) as of the date: totals, and the `top` most and least profitable. */
export async function profitabilityReport(store: Store, options: { asOf: string; config: TenureConfig; top?: number }): Promise<ProfitabilityReport> {
  endOfDay(options.asOf);
  const top = Math.max(0, Math.trunc(options.top ?? 20));
  const ticketCost = String(options.config.profitability.supportTicketCost);
  return withCustomerEconomics(store, options, async () => {
    const select = doubleFor(store, figuresSql);
    const customers = `SELECT customer_id, anonymous, first_purchase_at, channel, platform, ${select} FROM ${economicsTable} WHERE first_purchase_at IS NOT NULL`;
    const id = byText(store.dialect, 'customer_id');
    const most = await store.query<Raw>(`${customers} ORDER BY profit DESC, ${id} LIMIT ${top}`, [ticketCost]);
    const least = await store.query<Raw>(`${customers} ORDER BY profit, ${id} LIMIT ${top}`, [ticketCost]);
    const [totals] = await store.query<Raw>(
      `SELECT count(*) AS customers, sum(orders) AS orders, sum(revenue) AS revenue, sum(discounts) AS discounts, sum(refunds) AS refunds,
         sum(net_revenue) AS net_revenue, sum(cost_of_goods) AS cost_of_goods, sum(gross_margin) AS gross_margin, sum(tickets) AS tickets,
         sum(cost_to_serve) AS cost_to_serve, sum(acquisition_cost) AS acquisition_cost, sum(profit) AS profit,
         sum(costed) / nullif(sum(lines), 0) AS cost_coverage
       FROM (SELECT ${select}, costed_revenue AS costed, line_revenue AS lines FROM ${economicsTable} WHERE first_purchase_at IS NOT NULL) c`,
      [ticketCost],
    );
    const currency = await reportingCurrency(store);
    return {
      asOf: options.asOf,
      currency: currency,
      attribution: options.config.profitability.attribution,
      supportTicketCost: options.config.profitability.supportTicketCost,
      customers: Number(totals?.customers ?? 0),
      totals: figures(totals ?? {}),
      most: most.map(customer),
      least: least.map(customer),
    };
  });
}

/** One customer's (or prospect's) profitability as of the date, for their profile; null when never seen. */
export async function customerProfitability(store: Store, options: { customerId: string; asOf: string; config: TenureConfig }): Promise<CustomerProfit | null> {
  const ticketCost = String(options.config.profitability.supportTicketCost);
  return withCustomerEconomics(store, options, async () => {
    const [row] = await store.query<Raw>(
      `SELECT customer_id, anonymous, first_purchase_at, channel, platform, ${doubleFor(store, figuresSql)} FROM ${economicsTable} ORDER BY anonymous LIMIT 1`,
      [ticketCost],
    );
    return row ? customer(row) : null;
  });
}
