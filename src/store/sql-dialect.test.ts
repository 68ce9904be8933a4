import { describe, expect, it } from 'vitest';
import { argMax, argMin, byText, divide, double, formatDate, jsonEach, jsonObjectAgg, jsonText, rowKey, tempTableAs } from './sql-dialect.js';

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

  it('spells the import helpers for each engine', () => {
    expect(argMax('duckdb', 'v', ['t'])).toBe('arg_max(v, t)');
    expect(argMax('duckdb', 'v', ['t', 'r'])).toBe('arg_max(v, (t, r))');
    expect(argMax('postgres', 'v', ['t', 'r'])).toBe('(array_agg(v ORDER BY t DESC NULLS LAST, r DESC NULLS LAST))[1]');
    expect(jsonText('duckdb', 'p', 'k')).toBe(`json_extract_string(p, '$.k')`);
    expect(jsonText('postgres', 'p', 'k')).toBe(`(p ->> 'k')`);
    expect([jsonEach('duckdb', 'p'), jsonEach('postgres', 'p')]).toEqual(['json_each(p)', 'jsonb_each(p)']);
    expect([jsonObjectAgg('duckdb', 'k', 'v'), jsonObjectAgg('postgres', 'k', 'v')]).toEqual(['json_group_object(k, v)', 'jsonb_object_agg(k, v)']);
    expect(rowKey('duckdb', ['a', 'b'])).toBe('row(a, b)');
    expect(rowKey('postgres', ['a', 'b'])).toBe('CAST(ROW(a, b) AS TEXT) COLLATE "C"');
    expect(tempTableAs('duckdb', 't', 'SELECT 1')).toBe('CREATE OR REPLACE TEMP TABLE t AS SELECT 1');
    expect(tempTableAs('postgres', 't', 'SELECT 1')).toBe('CREATE TEMP TABLE t ON COMMIT DROP AS SELECT 1');
  });
});
