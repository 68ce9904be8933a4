import { describe, expect, it } from 'vitest';
import { forDialect } from './dialect.js';
import { migrations, statementsFor } from './index.js';

describe('forDialect', () => {
  it('leaves DuckDB SQL as written', () => {
    for (const m of migrations) for (const s of statementsFor(m, 'duckdb')) expect(forDialect(s, 'duckdb')).toBe(s);
  });

  it('maps the type names PostgreSQL spells differently', () => {
    expect(forDialect('CREATE TABLE t (a DOUBLE NOT NULL, b JSON, c DOUBLE PRECISION, d JSONB)', 'postgres')).toBe(
      'CREATE TABLE t (a DOUBLE PRECISION NOT NULL, b JSONB, c DOUBLE PRECISION, d JSONB)',
    );
  });

  it('leaves strings, quoted identifiers, comments and lower-case names alone', () => {
    const sql = `CREATE TABLE t (
      -- a DOUBLE and a JSON
      "JSON" VARCHAR DEFAULT 'DOUBLE JSON', json VARCHAR /* JSON */, x DOUBLE)`;
    expect(forDialect(sql, 'postgres')).toBe(sql.replace('x DOUBLE)', 'x DOUBLE PRECISION)'));
  });

  it('refuses DuckDB types PostgreSQL has no counterpart for', () => {
    expect(() => forDialect('CREATE TABLE t (n HUGEINT)', 'postgres')).toThrow(/HUGEINT/);
  });

  it('maps every migration without a DuckDB-only type left', () => {
    for (const m of migrations) {
      for (const s of statementsFor(m, 'postgres')) expect(forDialect(s, 'postgres')).not.toMatch(/\bDOUBLE\b(?! PRECISION)|\bJSON\b/);
    }
  });
});
