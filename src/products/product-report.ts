/**
 * Products (or categories) over a range of days: units, orders, customers, revenue, the discounts given
 * off list prices, refunds, cost of goods, margin, and the share of units bought at full price; overall
 * and among the customers who are high value at the end of the range (classify.ts's rule), so a team
 * sees which products are the most profitable and which ones its best customers buy.
 *
 * One grouped query over the derived table of order lines (order-lines-table.ts), with identity resolved
 * as of the end of the range. Money is summed as exact decimals by the engine. Refunds are recorded per
 * order, not per line, so an order's refunds are shared out over its lines in proportion to their value
 * (at most the whole line). Margin is counted on the lines whose cost is known; `costCoverage` says how
 * many units that is.
 */
import { hasAnonymousEvents, linksSql } from '../analytics/resolved-events.js';
import { endOfDay } from '../analytics/time-unit.js';
import type { TenureConfig } from '../config/config-schema.js';
import { factsTable, withFacts } from '../lifecycle/classify-customers.js';
import { Params } from '../lifecycle/customer-facts.js';
import { highValueSql } from '../lifecycle/high-value-sql.js';
import { checkRange } from '../lifecycle/periods.js';
import { refreshDerivedTable } from '../store/derived-tables.js';
import { double } from '../store/sql-dialect.js';
import type { Store } from '../store/store.js';
import { orderLinesTable } from './order-lines-table.js';
import { reportingCurrency } from '../store/settings.js';

export const productGroupings = ['product', 'category'] as const;
export type ProductGrouping = (typeof productGroupings)[number];

export function parseProductGrouping(value: string): ProductGrouping {
  if ((productGroupings as readonly string[]).includes(value)) return value as ProductGrouping;
  throw new Error(`--by ${JSON.stringify(value)} is not a grouping (allowed: ${productGroupings.join(', ')})`);
}

export interface ProductFigures {
  units: number;
  orders: number;
  customers: number;
  /** What was paid, before refunds. */
  revenue: number;
  /** List price minus what was paid, over the units with a list price. */
  discounts: number;
  refunds: number;
  netRevenue: number;
  /** Over the units whose cost is known: their cost, and their net revenue minus it. */
  cost: number;
  margin: number;
  /** margin / the net revenue of the units with a cost; null without any. */
  marginRate: number | null;
  /** Units with a known cost / all units. */
  costCoverage: number;
  /** Units bought at full price (no list price, or paid at least the list price) / all units. */
  fullPriceShare: number;
}

export interface ProductRow extends ProductFigures {
  /** The product id, or the category ('(none)' for lines without one). */
  key: string;
  name: string | null;
  category: string | null;
  /** The same figures over the lines bought by customers high value at the end of the range. */
  highValue: ProductFigures;
}

export interface ProductReport {
  from: string;
  to: string;
  by: ProductGrouping;
  currency: string;
  highValueCustomers: number;
  /** Every product (or category), the largest margin first (then net revenue). */
  rows: ProductRow[];
  /** All lines, and those of the high-value customers. */
  totals: ProductFigures;
  highValueTotals: ProductFigures;
}

export interface ProductReportOptions {
  from: string;
  to: string;
  by?: ProductGrouping;
  config: TenureConfig;
}

const figureColumns = (prefix: string, filter: string) => {
  const where = (extra?: string) => (filter === 'TRUE' && !extra ? '' : ` FILTER (WHERE ${[filter === 'TRUE' ? null : filter, extra].filter(Boolean).join(' AND ')})`);
  return [
    `coalesce(sum(quantity)${where()}, 0) AS ${prefix}units`,
    `count(DISTINCT order_id)${where()} AS ${prefix}orders`,
    `count(DISTINCT customer_id)${where()} AS ${prefix}customers`,
    `coalesce(sum(price * quantity)${where()}, 0) AS ${prefix}revenue`,
    `coalesce(sum((list_price - price) * quantity)${where('list_price IS NOT NULL')}, 0) AS ${prefix}discounts`,
    `coalesce(sum(price * quantity * refund_share)${where()}, 0) AS ${prefix}refunds`,
    `coalesce(sum(cost * quantity)${where('cost IS NOT NULL')}, 0) AS ${prefix}cost`,
    `coalesce(sum(price * quantity * (1 - refund_share))${where('cost IS NOT NULL')}, 0) AS ${prefix}costed_net`,
    `coalesce(sum(quantity)${where('cost IS NOT NULL')}, 0) AS ${prefix}costed_units`,
    `coalesce(sum(quantity)${where('(list_price IS NULL OR price >= list_price)')}, 0) AS ${prefix}full_price_units`,
  ];
};

type Raw = Record<string, unknown>;

function figures(row: Raw, prefix: string): ProductFigures {
  const n = (name: string) => Number(row[`${prefix}${name}`] ?? 0);
  const units = n('units');
  const revenue = n('revenue');
  const refunds = n('refunds');
  const cost = n('cost');
  const costedNet = n('costed_net');
  return {
    units,
    orders: n('orders'),
    customers: n('customers'),
    revenue,
    discounts: n('discounts'),
    refunds,
    netRevenue: revenue - refunds,
    cost,
    margin: costedNet - cost,
    marginRate: costedNet === 0 ? null : (costedNet - cost) / costedNet,
    costCoverage: units === 0 ? 0 : n('costed_units') / units,
    fullPriceShare: units === 0 ? 0 : n('full_price_units') / units,
  };
}

export async function productReport(store: Store, options: ProductReportOptions): Promise<ProductReport> {
  checkRange(options.from, options.to);
  const by = options.by ?? 'product';
  await refreshDerivedTable(store, orderLinesTable);
  const anonymous = await hasAnonymousEvents(store);
  return withFacts(store, options.to, options.config, async ({ figures: population }) => {
    const params = new Params();
    params.add(endOfDay(options.to)); // $1, as linksSql expects
    const from = params.add(new Date(endOfDay(options.from).getTime() - 86_400_000));
    const high = highValueSql(options.config, population.medianAverageOrderValue, store.dialect, params);
    const lines = anonymous
      ? `SELECT coalesce(l.customer_id, k.customer_id) AS customer_id, l.order_id, l.product_id, l.name, l.category, l.quantity, l.price, l.list_price, l.cost
         FROM ${orderLinesTable.name} l LEFT JOIN links k ON l.customer_id IS NULL AND k.anonymous_id = l.anonymous_id
         WHERE l.occurred_at >= ${from} AND l.occurred_at < $1`
      : `SELECT customer_id, order_id, product_id, name, category, quantity, price, list_price, cost
         FROM ${orderLinesTable.name} WHERE occurred_at >= ${from} AND occurred_at < $1`;
    const key = by === 'product' ? 'product_id' : `coalesce(category, '(none)')`;
    const scored = `WITH ${anonymous ? `${linksSql(store.dialect)},` : ''}
      lines AS (${lines}),
      orders AS (SELECT order_id, sum(amount) AS amount FROM events WHERE kind = 'order_completed' AND order_id IS NOT NULL AND occurred_at < $1 GROUP BY order_id),
      refunds AS (SELECT order_id, sum(amount) AS refunded FROM events WHERE kind = 'order_refunded' AND order_id IS NOT NULL AND occurred_at < $1 GROUP BY order_id),
      shares AS (
        SELECT o.order_id, least(1, ${double(store.dialect, 'r.refunded')} / ${double(store.dialect, 'o.amount')}) AS refund_share
        FROM orders o JOIN refunds r ON r.order_id = o.order_id WHERE o.amount > 0),
      high_value AS (SELECT f.customer_id FROM ${factsTable} f WHERE NOT f.anonymous AND ${high}),
      scored AS (
        SELECT lines.*, ${key} AS key, coalesce(s.refund_share, 0) AS refund_share, h.customer_id IS NOT NULL AS hv
        FROM lines LEFT JOIN shares s ON s.order_id = lines.order_id LEFT JOIN high_value h ON h.customer_id = lines.customer_id)`;
    const columns = [...figureColumns('', 'TRUE'), ...figureColumns('hv_', 'hv')].join(',\n        ');
    // One pass: each product (or category) and, as the grouping set (), the totals of all lines.
    const grouped = await store.query<Raw>(
      `${scored}
      SELECT key, GROUPING(key) = 1 AS is_total, ${by === 'product' ? 'max(name)' : 'NULL'} AS name, max(category) AS category, ${columns},
        (SELECT count(*) FROM high_value) AS high_value_customers
      FROM scored GROUP BY GROUPING SETS ((key), ())`,
      params.values,
    );
    const totals = grouped.find((row) => row.is_total === true);
    const rows = grouped.filter((row) => row.is_total !== true);
    const products: ProductRow[] = rows.map((row) => ({
      key: String(row.key),
      name: (row.name as string | null) ?? null,
      category: (row.category as string | null) ?? null,
      ...figures(row, ''),
      highValue: figures(row, 'hv_'),
    }));
    products.sort((a, b) => b.margin - a.margin || b.netRevenue - a.netRevenue || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const currency = await reportingCurrency(store);
    return {
      from: options.from,
      to: options.to,
      by,
      currency,
      highValueCustomers: Number(totals?.high_value_customers ?? 0),
      rows: products,
      totals: figures(totals ?? {}, ''),
      highValueTotals: figures(totals ?? {}, 'hv_'),
    };
  });
}
