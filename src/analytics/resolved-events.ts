/**
 * Events with their customer resolved as of a date: an event that carries only an anonymous id belongs
 * to the customer that anonymous id was linked to (by any event carrying both ids, such as an identify or
 * alias) before the as-of date. The log itself is never rewritten.
 *
 * Returns a CTE body; `$1` must be the exclusive end of the as-of day.
 */
export function resolvedEventsSql(kindFilter: string): string {
  return `links AS (
      SELECT anonymous_id, arg_min(customer_id, occurred_at) AS customer_id
      FROM events
      WHERE anonymous_id IS NOT NULL AND customer_id IS NOT NULL AND occurred_at < $1
      GROUP BY anonymous_id),
    resolved AS (
      SELECT coalesce(e.customer_id, l.customer_id) AS customer_id, e.*  EXCLUDE (customer_id)
      FROM events e LEFT JOIN links l ON e.customer_id IS NULL AND l.anonymous_id = e.anonymous_id
      WHERE ${kindFilter} AND e.occurred_at < $1)`;
}
