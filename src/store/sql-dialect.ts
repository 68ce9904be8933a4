/**
 * The few spellings in which DuckDB and PostgreSQL SQL differ, as small helpers the analytics queries call
 * (after umami's getDateSQL), so each query is written once rather than once per engine. Each helper takes
 * SQL expressions written by Tenure itself, never user values: those stay bound parameters.
 *
 * The DuckDB spelling of each is exactly what the queries used before PostgreSQL was supported, so DuckDB
 * plans (and results) are unchanged.
 */
import type { Store } from './store.js';

export type Dialect = Store['dialect'];

/** `expr` as a double: PostgreSQL has no type called DOUBLE. */
export function double(dialect: Dialect, expr: string): string {
  return dialect === 'postgres' ? `CAST(${expr} AS DOUBLE PRECISION)` : `CAST(${expr} AS DOUBLE)`;
}

/**
 * The aggregate that takes `value` from the row with the smallest `order`, among the rows that pass
 * `filter` if given. PostgreSQL has no arg_min: the first element of the values aggregated in that order
 * is the same thing (its FILTER goes inside the subscript).
 */
export function argMin(dialect: Dialect, value: string, order: string, filter?: string): string {
  const where = filter === undefined ? '' : ` FILTER (WHERE ${filter})`;
  return dialect === 'postgres' ? `(array_agg(${value} ORDER BY ${order})${where})[1]` : `arg_min(${value}, ${order})${where}`;
}

/** A DATE or TIMESTAMP expression as `YYYY-MM-DD` text. */
export function formatDate(dialect: Dialect, expr: string): string {
  return dialect === 'postgres' ? `to_char(${expr}, 'YYYY-MM-DD')` : `strftime(${expr}, '%Y-%m-%d')`;
}

/**
 * A text expression to ORDER BY in byte order, as DuckDB sorts by default. A PostgreSQL database's own
 * collation (en_US, say) would order ids such as `a-2` and `a10` differently on the two engines.
 */
export function byText(dialect: Dialect, expr: string): string {
  return dialect === 'postgres' ? `${expr} COLLATE "C"` : expr;
}

/**
 * `numerator / denominator` divided as doubles, which DuckDB's `/` already does for DECIMAL and integer
 * operands. PostgreSQL divides NUMERIC exactly and rounds afterwards, which can differ from DuckDB in the
 * last bit of the double, so both sides are cast first there.
 */
export function divide(dialect: Dialect, numerator: string, denominator: string): string {
  return dialect === 'postgres' ? `${double(dialect, numerator)} / ${double(dialect, denominator)}` : `(${numerator}) / (${denominator})`;
}

/**
 * The aggregate that takes `value` from the row with the largest `order` (compared column by column, so
 * later columns break ties). DuckDB compares a row of values as one struct; PostgreSQL takes the first
 * value aggregated in descending order, NULLs last as DuckDB's arg_max ignores them.
 */
export function argMax(dialect: Dialect, value: string, order: readonly string[]): string {
  if (dialect === 'postgres') return `(array_agg(${value} ORDER BY ${order.map((o) => `${o} DESC NULLS LAST`).join(', ')}))[1]`;
  return order.length === 1 ? `arg_max(${value}, ${order[0]})` : `arg_max(${value}, (${order.join(', ')}))`;
}

/** The top-level field `key` of a JSON expression as text (NULL when absent); `key` is Tenure's own name. */
export function jsonText(dialect: Dialect, expr: string, key: string): string {
  return dialect === 'postgres' ? `(${expr} ->> '${key}')` : `json_extract_string(${expr}, '$.${key}')`;
}

/**
 * Several top-level text fields of a JSON column, parsed once per row: `parse` goes in a SELECT list (as
 * the column `alias`) of a subquery, and `field(key)` reads a field in the query around it. DuckDB parses
 * its JSON text again for every `->>`, so it turns the object into a struct in one pass (json_transform);
 * PostgreSQL's JSONB is parsed already, and `->>` is cheap. Keys are Tenure's own names.
 */
export function jsonFields(dialect: Dialect, expr: string, keys: readonly string[], alias: string): { parse: string; field: (key: string) => string } {
  if (dialect === 'postgres') return { parse: `${expr} AS ${alias}`, field: (key) => `(${alias} ->> '${key}')` };
  const schema = JSON.stringify(Object.fromEntries(keys.map((key) => [key, 'VARCHAR'])));
  return { parse: `json_transform(${expr}, '${schema}') AS ${alias}`, field: (key) => `${alias}.${key}` };
}

/** The table function yielding a JSON object's fields as rows (`key`, `value`), for use in FROM. */
export function jsonEach(dialect: Dialect, expr: string): string {
  return dialect === 'postgres' ? `jsonb_each(${expr})` : `json_each(${expr})`;
}

/** The aggregate that builds a JSON object from `key` and `value` columns. */
export function jsonObjectAgg(dialect: Dialect, key: string, value: string): string {
  return dialect === 'postgres' ? `jsonb_object_agg(${key}, ${value})` : `json_group_object(${key}, ${value})`;
}

/**
 * One value standing for a row of values, equal to another exactly when each of their values is equal or
 * both are NULL: a key to group and hash-join rows on. DuckDB compares structs that way. PostgreSQL's row
 * comparison would be NULL for a NULL member and it cannot hash IS NOT DISTINCT FROM, but a row's text is
 * as exact (NULL is written as nothing, the empty string as ""), compared byte by byte.
 */
export function rowKey(dialect: Dialect, exprs: readonly string[]): string {
  return dialect === 'postgres' ? `CAST(ROW(${exprs.join(', ')}) AS TEXT) COLLATE "C"` : `row(${exprs.join(', ')})`;
}

/**
 * A statement making the temp table `name` from `select`. On PostgreSQL a temp table belongs to one
 * pooled connection, so it is made inside a transaction and goes with it (ON COMMIT DROP); DuckDB's store
 * has one connection, where the table is simply replaced on the next use.
 */
export function tempTableAs(dialect: Dialect, name: string, select: string): string {
  return dialect === 'postgres' ? `CREATE TEMP TABLE ${name} ON COMMIT DROP AS ${select}` : `CREATE OR REPLACE TEMP TABLE ${name} AS ${select}`;
}
