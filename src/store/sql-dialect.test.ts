import { describe, expect, it } from 'vitest';
import { argMin, byText, divide, double, formatDate } from './sql-dialect.js';

describe('sql-dialect', () => {
  it('keeps the DuckDB spellings the queries have always used', () => {
    expect(double('duckdb', 'sum(x)')).toBe('CAST(sum(x) AS DOUBLE)');
    expect(argMin('duckdb', 'v', 'd')).toBe('arg_min(v, d)');
    expect(formatDate('duckdb', 'min(day)')).toBe(`strftime(min(day), '%Y-%m-%d')`);
    expect(byText('duckdb', 'kind')).toBe('kind');
    expect(divide('duckdb', 'sum(v)', 'count(*) - 1')).toBe('(sum(v)) / (count(*) - 1)');
  });

  it('spells the same things in PostgreSQL', () => {
    expect(double('postgres', 'sum(x)')).toBe('CAST(sum(x) AS DOUBLE PRECISION)');
    expect(argMin('postgres', 'v', 'd')).toBe('(array_agg(v ORDER BY d))[1]');
    expect(formatDate('postgres', 'min(day)')).toBe(`to_char(min(day), 'YYYY-MM-DD')`);
    expect(byText('postgres', 'kind')).toBe('kind COLLATE "C"');
    expect(divide('postgres', 'sum(v)', 'n')).toBe('CAST(sum(v) AS DOUBLE PRECISION) / CAST(n AS DOUBLE PRECISION)');
  });
});
