/**
 * classify.ts's high-value rule (docs/lifecycle.md, "High value") written in SQL over the customer facts
 * table (customer-facts.ts), for queries that need the high-value customers as a set: lookalike scores,
 * the products they buy. Tests hold it to classify.ts on the hand-built histories.
 */
import type { TenureConfig } from '../config/config-schema.js';
import { double, type Dialect } from '../store/sql-dialect.js';
import type { Params } from './customer-facts.js';

/** classify.ts's high-value rule over the facts' columns (`f.`), with the median as a parameter. */
export function highValueSql(config: TenureConfig, median: number | null, dialect: Dialect, params: Params): string {
  const rule = config.highValue;
  if (median === null) return 'FALSE';
  return `(f.orders > 0 AND ${double(dialect, 'f.full_price_orders')} / f.orders >= ${params.add(rule.minFullPriceShare)}
      AND f.orders >= ${params.add(rule.minOrders)} AND f.first_order_days - f.last_order_days >= ${params.add(rule.minSpanDays)}
      AND ${double(dialect, 'f.revenue')} / f.orders > ${params.add(median)})`;
}

