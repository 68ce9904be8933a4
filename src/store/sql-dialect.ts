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
 * The aggregate that takes `value` from the row with the smallest `order`. PostgreSQL has no arg_min:
 * the first element of the values aggregated in that order is the same thing.
 */
export function argMin(dialect: Dialect, value: string, order: string): string {
  return dialect === 'postgres' ? `(array_agg(${value} ORDER BY ${order}))[1]` : `arg_min(${value}, ${order})`;
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
