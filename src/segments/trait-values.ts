/**
 * The traits a filter reads, as of the date: for each customer and each named trait, the value of the
 * latest identify event carrying it (Segment's merge rule, as the `customers` table keeps them, but as of
 * the date rather than now: that table holds only the latest traits). Read from the event log, only the
 * traits the filter names, each as text. Anonymous prospects have no traits.
 */
import type { Params } from '../lifecycle/customer-facts.js';
import type { Dialect } from '../store/sql-dialect.js';

/** The latest non-null `value` by time (then import and row, as commit-staged.ts breaks ties). */
function latest(dialect: Dialect, value: string): string {
  const order = ['occurred_at', 'import_id', 'source_row'];
  if (dialect === 'postgres') return `(array_agg(${value} ORDER BY ${order.map((o) => `${o} DESC NULLS LAST`).join(', ')}) FILTER (WHERE ${value} IS NOT NULL))[1]`;
  return `arg_max(${value}, (${order.join(', ')})) FILTER (WHERE ${value} IS NOT NULL)`;
}

/**
 * A subquery with `customer_id` and one text column per trait (`t0`, `t1`, ...). The trait names are bound
 * as parameters; `endOfDay` is the exclusive end of the as-of day, already bound.
 */
export function traitValuesSql(traits: readonly string[], dialect: Dialect, params: Params, endOfDay: string): string {
  const values = traits.map((trait, i) => `(properties ->> CAST(${params.add(trait)} AS VARCHAR)) AS v${i}`);
  const columns = traits.map((_, i) => `${latest(dialect, `v${i}`)} AS t${i}`);
  return `(SELECT customer_id, ${columns.join(', ')}
    FROM (SELECT customer_id, occurred_at, import_id, source_row, ${values.join(', ')}
          FROM events WHERE kind = 'identify' AND customer_id IS NOT NULL AND occurred_at < ${endOfDay}) identifies
    GROUP BY customer_id)`;
}
