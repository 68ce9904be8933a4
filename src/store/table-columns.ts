/** Tables read and written in batches column by column name each column with one of a few types, alike on every engine. */

/** INTEGER (32-bit), DOUBLE (PostgreSQL's DOUBLE PRECISION) and VARCHAR. */
export type ColumnType = 'integer' | 'double' | 'varchar';

export interface TableColumn {
  name: string;
  type: ColumnType;
}

/** Values of one column: an array (null for NULL) or, for numbers, a typed array. */
export type ColumnData = ArrayLike<unknown>;

/** A column name as a quoted identifier. */
export const quoteColumn = (name: string): string => `"${name.replace(/"/g, '""')}"`;
