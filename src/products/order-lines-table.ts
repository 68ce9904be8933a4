/**
 * The derived table of order lines (see store/derived-tables.ts): one row per line item of every
 * `order_completed` event, its `products` array unpacked once, so product reports read typed columns
 * rather than JSON arrays.
 *
 * Prices and costs are per unit, in the reporting currency: a converted order's lines are converted at
 * the order's own rate (its amount over its `original_amount`), rounded to 4 decimals. A line without a
 * list price was sold at full price; a quantity that is not a whole positive number counts as 1 (the
 * importer refuses such lines, so only hand-written events have them).
 */
import type { DerivedTable } from '../store/derived-tables.js';
import { double, type Dialect } from '../store/sql-dialect.js';

const keys = ['product_id', 'name', 'category', 'quantity', 'price', 'list_price', 'cost'] as const;

/** The line items of the selected orders, one row each with the line's fields as text (`line_*`). */
function lineItems(dialect: Dialect, where: string): string {
  const orders = `SELECT import_id, customer_id, anonymous_id, occurred_at, order_id, amount, properties FROM events WHERE kind = 'order_completed' AND ${where}`;
  if (dialect === 'postgres') {
    return `SELECT o.*, ${keys.map((key) => `item ->> '${key}' AS line_${key}`).join(', ')}
      FROM (${orders}) o, jsonb_array_elements(CASE WHEN jsonb_typeof(o.properties -> 'products') = 'array' THEN o.properties -> 'products' ELSE '[]' END) AS item`;
  }
  const schema = JSON.stringify(Object.fromEntries(keys.map((key) => [key, 'VARCHAR'])));
  return `SELECT o.* EXCLUDE (item), ${keys.map((key) => `o.item.${key} AS line_${key}`).join(', ')}
    FROM (SELECT *, json_transform(unnest(CAST(json_extract(properties, '$.products') AS JSON[])), '${schema}') AS item
          FROM (${orders}) orders WHERE json_type(properties, '$.products') = 'ARRAY') o`;
}

export const orderLinesTable: DerivedTable = {
  name: 'derived_order_lines',
  version: 1,
  columns: `import_id INTEGER NOT NULL,
    customer_id VARCHAR,
    anonymous_id VARCHAR,
    occurred_at TIMESTAMP NOT NULL,
    order_id VARCHAR,
    product_id VARCHAR NOT NULL,
    name VARCHAR,
    category VARCHAR,
    quantity INTEGER NOT NULL,
    -- Per unit, in the reporting currency; list_price and cost NULL when the line did not say.
    price DECIMAL(18,4) NOT NULL,
    list_price DECIMAL(18,4),
    cost DECIMAL(18,4)`,
  select(dialect, where) {
    const original = `(properties ->> 'original_amount')`;
    const rate = `CASE WHEN ${original} IS NOT NULL AND ${double(dialect, original)} <> 0 THEN ${double(dialect, 'amount')} / ${double(dialect, original)} END`;
    const money = (field: string) => `CAST(CASE WHEN rate IS NULL THEN CAST(${field} AS DECIMAL(18,4)) ELSE ${double(dialect, field)} * rate END AS DECIMAL(18,4))`;
    // Every column named: PostgreSQL names unnamed ones after their type, and the staging table needs them distinct.
    return `SELECT import_id, customer_id, anonymous_id, occurred_at, order_id, line_product_id AS product_id, line_name AS name, line_category AS category,
        CASE WHEN line_quantity ~ '^[0-9]+$' AND CAST(line_quantity AS INTEGER) > 0 THEN CAST(line_quantity AS INTEGER) ELSE 1 END AS quantity,
        ${money('line_price')} AS price, ${money('line_list_price')} AS list_price, ${money('line_cost')} AS cost
      FROM (SELECT *, ${rate} AS rate FROM (${lineItems(dialect, where)}) items) lines
      WHERE line_product_id IS NOT NULL AND line_price IS NOT NULL`;
  },
  finish: (_dialect, staged) => `SELECT * FROM ${staged}`,
};
