/**
 * Each customer's (and unlinked prospect's) economics as of a date, in one temp table: what they paid,
 * what was refunded and discounted, what their goods cost, how many tickets they opened, what the
 * marketing touches before their first purchase cost, and which channel and platform get the credit
 * for acquiring them. Per-customer profitability (customer-profitability.ts) and the channel report
 * (channel-report.ts) read it. docs/profitability.md defines every column.
 *
 * Two grouped scans of the events resolved as of the date (the timeline of customer-facts.ts: unlinked
 * prospects under their anonymous id): the person's figures and first purchase, then their marketing
 * touches up to that first purchase. Goods' costs and discounts come from the derived table of order
 * lines (order-lines-table.ts).
 */
import { hasAnonymousEvents, resolvedEventsSql } from '../analytics/resolved-events.js';
import { endOfDay } from '../analytics/time-unit.js';
import type { TenureConfig } from '../config/config-schema.js';
import { Params, timelineSql } from '../lifecycle/customer-facts.js';
import { orderLinesTable } from '../products/order-lines-table.js';
import { refreshDerivedTable } from '../store/derived-tables.js';
import { argMax, argMin } from '../store/sql-dialect.js';
import type { Store } from '../store/store.js';
import { withTempTable } from '../store/temp-table.js';

export const economicsTable = 'tenure_customer_economics';

/** Purchases: orders and subscription payments. */
const purchase = `kind IN ('order_completed', 'subscription_started', 'subscription_renewed')`;

/**
 * Runs `work` with every person's economics as of the end of `asOf` (or one person's, with `customerId`)
 * in the temp table `economicsTable` (on PostgreSQL inside one transaction, see withTempTable).
 */
export async function withCustomerEconomics<T>(store: Store, options: { asOf: string; config: TenureConfig; customerId?: string }, work: () => Promise<T>): Promise<T> {
  const { asOf, config } = options;
  await refreshDerivedTable(store, orderLinesTable);
  const anonymous = await hasAnonymousEvents(store);
  const dialect = store.dialect;
  const params = new Params();
  params.add(endOfDay(asOf)); // $1: the exclusive end, as resolvedEventsSql expects
  const timeline = timelineSql({ asOf, anonymous, ...(options.customerId === undefined ? {} : { customerId: options.customerId }) }, params);
  const who = options.customerId === undefined ? '' : ` AND customer_id = ${params.add(options.customerId)}`;
  const lastTouch = config.profitability.attribution === 'last_touch';
  // An order line belongs to the customer its order does; an anonymous one to the customer its id is linked to.
  const lines = anonymous
    ? `SELECT coalesce(l.customer_id, k.customer_id, l.anonymous_id) AS customer_id, l.customer_id IS NULL AND k.customer_id IS NULL AS anonymous,
          l.quantity, l.price, l.list_price, l.cost
        FROM ${orderLinesTable.name} l LEFT JOIN links k ON l.customer_id IS NULL AND k.anonymous_id = l.anonymous_id
        WHERE l.occurred_at < $1`
    : `SELECT customer_id, FALSE AS anonymous, quantity, price, list_price, cost FROM ${orderLinesTable.name} WHERE occurred_at < $1`;
  const sql = `WITH ${resolvedEventsSql('TRUE', { anonymous, dialect })},
    timeline AS (${timeline}),
    people AS (
      SELECT customer_id, anonymous,
        min(occurred_at) AS first_seen,
        min(occurred_at) FILTER (WHERE ${purchase}) AS first_purchase_at,
        CAST(count(*) FILTER (WHERE kind = 'order_completed') AS INTEGER) AS orders,
        coalesce(sum(amount) FILTER (WHERE ${purchase}), 0) AS revenue,
        coalesce(sum(amount) FILTER (WHERE kind = 'order_refunded'), 0) AS refunds,
        CAST(count(*) FILTER (WHERE kind = 'support_ticket_opened') AS INTEGER) AS tickets,
        ${argMin(dialect, 'platform', 'occurred_at', 'platform IS NOT NULL')} AS first_platform
      FROM timeline GROUP BY customer_id, anonymous),
    touches AS (
      SELECT t.customer_id, t.anonymous,
        coalesce(sum(t.amount), 0) AS acquisition_cost,
        CAST(count(*) AS INTEGER) AS touches,
        ${lastTouch ? argMax(dialect, 't.channel', ['t.occurred_at']) : argMin(dialect, 't.channel', 't.occurred_at')} AS channel,
        ${lastTouch ? argMax(dialect, 't.platform', ['t.occurred_at']) : argMin(dialect, 't.platform', 't.occurred_at')} AS platform
      FROM timeline t JOIN people p ON p.customer_id = t.customer_id AND p.anonymous = t.anonymous
      WHERE t.kind = 'marketing_touch' AND (p.first_purchase_at IS NULL OR t.occurred_at <= p.first_purchase_at)
      GROUP BY t.customer_id, t.anonymous),
    lines AS (${lines}),
    goods AS (
      SELECT customer_id, anonymous,
        coalesce(sum((list_price - price) * quantity) FILTER (WHERE list_price IS NOT NULL), 0) AS discounts,
        coalesce(sum(cost * quantity) FILTER (WHERE cost IS NOT NULL), 0) AS cost_of_goods,
        coalesce(sum(price * quantity) FILTER (WHERE cost IS NOT NULL), 0) AS costed_revenue,
        coalesce(sum(price * quantity), 0) AS line_revenue
      FROM lines WHERE TRUE${who} GROUP BY customer_id, anonymous)
    SELECT p.customer_id, p.anonymous, p.first_seen, p.first_purchase_at, p.orders, p.revenue, p.refunds, p.tickets,
      coalesce(g.discounts, 0) AS discounts, coalesce(g.cost_of_goods, 0) AS cost_of_goods,
      coalesce(g.costed_revenue, 0) AS costed_revenue, coalesce(g.line_revenue, 0) AS line_revenue,
      coalesce(t.acquisition_cost, 0) AS acquisition_cost, coalesce(t.touches, 0) AS touches,
      coalesce(t.channel, '(none)') AS channel, coalesce(t.platform, p.first_platform, '(none)') AS platform
    FROM people p
    LEFT JOIN touches t ON t.customer_id = p.customer_id AND t.anonymous = p.anonymous
    LEFT JOIN goods g ON g.customer_id = p.customer_id AND g.anonymous = p.anonymous`;
  return withTempTable(store, economicsTable, sql, params.values, work);
}
