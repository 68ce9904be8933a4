/** Tables read and written in batches column by column name each column with one of a few types, alike on every engine. */

/** INTEGER (32-bit), DOUBLE (PostgreSQL's DOUBLE PRECISION) and VARCHAR. */
export type ColumnType = 'integer' | 'double' | 'varchar';

export interface TableColumn {
  name: string;
  type: ColumnType;
}

/** Values of one column: an array (null for NULL) or, for numbers, a typed array. */
export type ColumnData = ArrayLike<unknown>;

/** The SQL type of each column type, in DuckDB's names (forDialect maps DOUBLE for PostgreSQL). */
const sqlTypes: Record<ColumnType, string> = { integer: 'INTEGER', double: 'DOUBLE', varchar: 'VARCHAR' };

/** The column definitions of a CREATE TABLE for `columns`, in DuckDB's SQL (`id INTEGER NOT NULL, ...`). */
export function columnDefinitions(columns: readonly TableColumn[], options: { notNull?: boolean } = {}): string {
  return columns.map((c) => `${c.name} ${sqlTypes[c.type]}${options.notNull ? ' NOT NULL' : ''}`).join(', ');
}

/** A column name as a quoted identifier. */
export const quoteColumn = (name: string): string => `"${name.replace(/"/g, '""')}"`;
