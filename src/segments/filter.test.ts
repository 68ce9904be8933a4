/** The filter language without a store: tokens, the parse tree, the error messages, and the compiled SQL with its parameters. */
import { describe, expect, it } from 'vitest';
import { Params } from '../lifecycle/customer-facts.js';
import { compileFilter } from './filter-compile.js';
import { explainFilter } from './filter-explain.js';
import { parseFilter } from './filter-parser.js';
import { FilterError, tokenize } from './filter-tokens.js';

const compile = (text: string, dialect: 'duckdb' | 'postgres' = 'duckdb') => {
  const params = new Params();
  return { ...compileFilter(text, dialect, params), params: params.values };
};

/** The error a filter gives, with its column. */
function failure(text: string): { message: string; column: number } {
  try {
    parseFilter(text);
  } catch (error) {
    if (error instanceof FilterError) return { message: error.message, column: error.column };
    throw error;
  }
  throw new Error(`${text} parsed`);
}

describe('tokenize', () => {
  it('reads words, numbers, both quotes with escapes, and operators with their columns', () => {
    expect(tokenize(`trait.name = 'it''s' and x<>-2.5 or y = "a \\" b"`).map((t) => ('text' in t ? t.text : 'value' in t ? t.value : t.type))).toEqual([
      'trait.name', '=', "it's", 'and', 'x', '!=', '-2.5', 'or', 'y', '=', 'a " b', 'end',
    ]);
    expect(tokenize('orders >= 3').map((t) => t.column)).toEqual([1, 8, 11, 12]);
  });
});

describe('parseFilter', () => {
  it('binds not tighter than and, and and tighter than or', () => {
    expect(explainFilter('active or orders > 1 and not high_value').reads).toBe('active or (orders > 1 and not high_value)');
    expect(explainFilter('(active or orders > 1) and not (high_value or anonymous)').reads).toBe('(active or orders > 1) and not (high_value or anonymous)');
  });

  it('reads enum values bare or quoted, has for types, and normalises RFM segment names', () => {
    expect(parseFilter('has loyal')).toEqual(parseFilter('type = loyal'));
    expect(parseFilter('rfm.segment = "Need attention"')).toEqual(parseFilter('rfm.segment = need_attention'));
    expect(explainFilter('stage in (retention, "loyalty") and status not in (lapsed)').reads).toBe('stage in (retention, loyalty) and status not in (lapsed)');
    expect(explainFilter('trait.plan = gold and trait.age >= 30').reads).toBe('trait.plan = "gold" and trait.age >= 30');
  });

  it('says which fields a filter reads and whether it classifies', () => {
    expect(explainFilter('orders >= 3 and trait.country = "DE"')).toMatchObject({ classifies: false, fields: [{ name: 'orders', source: 'facts' }, { name: 'trait.country', source: 'trait' }] });
    expect(explainFilter('not active').classifies).toBe(true);
  });

  it('gives one clear error with the column', () => {
    expect(failure('stag = retention')).toEqual({ message: expect.stringMatching(/^unknown field "stag" at column 1 \(fields: active, high_value, stage, .*trait\.<name>\)$/), column: 1 });
    expect(failure('stage = retension')).toEqual({ message: '"retension" at column 9 is not a stage (allowed: reach, acquisition, conversion, retention, loyalty)', column: 9 });
    expect(failure('rfm.segment in (champions, stars)').message).toBe('"stars" at column 28 is not an RFM segment (allowed: champions, loyal, potential_loyalist, new, promising, need_attention, about_to_sleep, at_risk, cannot_lose, hibernating, lost)');
    expect(failure('has vip').message).toBe('"vip" at column 5 is not an active type (allowed: recent_purchaser, loyal, support_service, product_subscriber, service_subscriber, contact)');
    expect(failure('orders >= "3"')).toEqual({ message: 'orders takes a number, not "3" (column 11)', column: 11 });
    expect(failure('stage > retention').message).toBe('stage takes = or != or in (...), not > (column 7)');
    expect(failure('active = maybe').message).toBe('active is true or false, not "maybe" (column 10)');
    expect(failure('orders >=')).toEqual({ message: 'expected a value at the end, found the end of the filter', column: 10 });
    expect(failure('(active and orders > 1').message).toBe('expected ")" at the end to close the "(" at column 1, found the end of the filter');
    expect(failure('stage in (retention loyalty)').message).toBe('expected ")" at column 21 to close the list (or "," for another value), found "loyalty"');
    expect(failure('active orders').message).toBe('unexpected "orders" at column 8 (expected and, or, or the end of the filter)');
    expect(failure('orders').message).toBe('expected an operator after orders at the end, found the end of the filter (= != < <= > >=, in (...))');
    expect(failure('orders is null').message).toMatch(/^orders is never null \(is null applies to status, rfm.r, .*trait.<name>\) at column 8$/);
    expect(failure('trait.age = null').message).toBe('write "is null" or "is not null" to test for a missing value (column 13)');
    expect(failure('trait.country = "DE').message).toBe('unterminated string starting at column 17 (close it with ")');
    expect(failure('orders ; 3').message).toBe('unexpected ";" at column 8 (expected a field, a value, an operator = != < <= > >=, a parenthesis or a comma)');
    expect(failure('and active').message).toMatch(/^expected a field at column 1, found "and" \(fields: /);
    expect(failure('  ').message).toBe('the filter is empty (e.g. "stage = retention and orders >= 3")');
  });
});

describe('compileFilter', () => {
  it('maps fields to fixed expressions and binds every value', () => {
    expect(compile('stage in (retention, loyalty) and orders >= 3 and not active')).toEqual({
      where:
        '(((coalesce(c.stage = CAST($1 AS VARCHAR), FALSE) OR coalesce(c.stage = CAST($2 AS VARCHAR), FALSE)) AND coalesce(f.orders >= CAST($3 AS DOUBLE), FALSE)) AND (NOT coalesce((c.active = 1), FALSE)))',
      classes: true,
      traits: [],
      params: ['retention', 'loyalty', 3],
    });
  });

  it('reads facts alone without the classes', () => {
    expect(compile('revenue > 100 and days_since_last_order <= 30')).toEqual({
      where: '(coalesce(f.revenue > CAST($1 AS DOUBLE), FALSE) AND coalesce(CASE WHEN f.last_order_days >= 0 THEN f.last_order_days END <= CAST($2 AS DOUBLE), FALSE))',
      classes: false,
      traits: [],
      params: [100, 30],
    });
  });

  it('numbers traits as they are first named, compares text or numbers by the value, and never splices a value', () => {
    const injected = `x' OR 1=1 --`;
    const compiled = compile(`trait.country = "${injected}" or trait.age >= 30 or trait.country is null`, 'postgres');
    expect(compiled.traits).toEqual(['country', 'age']);
    expect(compiled.params).toEqual([injected, 30]);
    expect(compiled.where).not.toContain(injected);
    expect(compiled.where).toContain('coalesce(t.t0 = CAST($1 AS VARCHAR), FALSE)');
    expect(compiled.where).toMatch(/CASE WHEN t\.t1 ~ '.*' THEN CAST\(t\.t1 AS DOUBLE PRECISION\) END >= CAST\(\$2 AS DOUBLE PRECISION\)/);
    expect(compiled.where).toContain('(t.t0 IS NULL)');
    expect(compile('trait.age < 30').where).toBe('coalesce(TRY_CAST(t.t0 AS DOUBLE) < CAST($1 AS DOUBLE), FALSE)');
  });

  it('matches a type inside the list of types, and negates booleans by value', () => {
    expect(compile('type != loyal')).toMatchObject({ where: 'coalesce(NOT c.types LIKE $1, FALSE)', params: ['%,loyal,%'] });
    expect(compile('high_value = false').where).toBe('coalesce(NOT (c.high_value = 1), FALSE)');
    expect(compile('anonymous != false')).toMatchObject({ where: 'coalesce(f.anonymous, FALSE)', classes: false });
  });

  it('orders text in byte order on PostgreSQL', () => {
    expect(compile('trait.city >= "M"', 'postgres').where).toBe('coalesce(t.t0 COLLATE "C" >= CAST($1 AS VARCHAR) COLLATE "C", FALSE)');
  });
});
