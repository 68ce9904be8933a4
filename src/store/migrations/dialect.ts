/**
 * Migrations are written once, in DuckDB SQL kept close to PostgreSQL's; this maps the few type names
 * that differ. Everything else in them (VARCHAR, INTEGER, BIGINT, BOOLEAN, DATE, TIMESTAMP, DECIMAL(p,s),
 * PRIMARY KEY, `--` comments, `now()`) means the same on both engines.
 *
 * Type names are matched in upper case, as the migrations write them, so a lower-case identifier such as
 * a column called `json` is left alone; string literals, quoted identifiers and comments are never touched.
 */
import type { Store } from '../store.js';

const postgresTypes: ReadonlyArray<readonly [RegExp, string]> = [
  // DuckDB's DOUBLE is PostgreSQL's DOUBLE PRECISION; PostgreSQL has no type called DOUBLE.
  [/\bDOUBLE\b(?!\s+PRECISION)/g, 'DOUBLE PRECISION'],
  // JSONB: stored parsed, indexable, and what PostgreSQL's JSON operators are fastest on. Whitespace and
  // key order are not kept, which nothing in Tenure relies on.
  [/\bJSON\b/g, 'JSONB'],
];

/** DuckDB types with no PostgreSQL counterpart of the same range: a migration using one must say what it wants instead. */
const duckDbOnly = /\b(HUGEINT|UHUGEINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT|STRUCT|MAP|UNION)\b/;

// A single-quoted string (with '' escapes), a double-quoted identifier, a line comment or a block comment.
const untouchable = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\//g;

export function forDialect(sql: string, dialect: Store['dialect']): string {
  if (dialect === 'duckdb') return sql;
  let out = '';
  let last = 0;
  for (const match of sql.matchAll(untouchable)) {
    out += mapCode(sql.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + mapCode(sql.slice(last));
}

function mapCode(code: string): string {
  const unmappable = duckDbOnly.exec(code);
  if (unmappable) throw new Error(`the DuckDB type ${unmappable[1]} has no PostgreSQL equivalent in forDialect: write the statement per dialect`);
  return postgresTypes.reduce((sql, [pattern, replacement]) => sql.replace(pattern, replacement), code);
}
