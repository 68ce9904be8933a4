/**
 * How PostgreSQL's text results become JavaScript values, matching what the DuckDB store returns:
 * BIGINT and NUMERIC as numbers (a BIGINT too big for a double stays a bigint), TIMESTAMP as a UTC Date,
 * DATE as a Date at UTC midnight, JSON as its text. Handed to the pool, so only Tenure's own connections
 * use them; pg's global parsers stay as they are for anyone else in the process.
 */
import pg from 'pg';

const oid = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  json: 114,
  jsonb: 3802,
  int8Array: 1016,
  numericArray: 1231,
} as const;

function parseInt8(text: string): number | bigint {
  const value = BigInt(text);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

// DuckDB hands DECIMAL over as a double too; a whole number past 2^53 (a sum of BIGINTs, which
// PostgreSQL returns as NUMERIC) stays exact as a bigint, as DuckDB's HUGEINT does.
function parseNumeric(text: string): number | bigint {
  if (/^-?\d+$/.test(text)) return parseInt8(text);
  return Number(text);
}

const timestampPattern = /^(\d{4,})-(\d\d)-(\d\d)(?: (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?)?( BC)?$/;

/** A `timestamp without time zone` or `date` read as UTC (pg would read it in the process's local zone). */
function parseUtc(text: string): Date | number {
  if (text === 'infinity') return Infinity;
  if (text === '-infinity') return -Infinity;
  const m = timestampPattern.exec(text);
  if (!m) throw new Error(`unexpected timestamp from PostgreSQL: ${text}`);
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', bc] = m;
  // Year 1 BC is year 0 in the proleptic calendar Date uses.
  const fullYear = bc ? 1 - Number(year) : Number(year);
  const date = new Date(Date.UTC(2000, Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), Number(fraction.padEnd(3, '0').slice(0, 3))));
  // Date.UTC maps years 0 to 99 onto 1900 to 1999.
  date.setUTCFullYear(fullYear);
  return date;
}

/** A one- or more-dimensional array of numbers in PostgreSQL's text form, such as `{1,NULL,{2,3}}`. */
function numberArray(parse: (text: string) => number | bigint) {
  return (text: string): unknown[] => {
    const stack: unknown[][] = [];
    let current: unknown[] = [];
    for (const token of text.match(/[{}]|[^{},]+/g) ?? []) {
      if (token === '{') {
        stack.push(current);
        current = [];
      } else if (token === '}') {
        const done = current;
        current = stack.pop() ?? [];
        current.push(done);
      } else current.push(token === 'NULL' ? null : parse(token));
    }
    return (current[0] as unknown[] | undefined) ?? [];
  };
}

const parsers = new Map<number, (text: string) => unknown>([
  [oid.int8, parseInt8],
  [oid.numeric, parseNumeric],
  [oid.date, parseUtc],
  [oid.timestamp, parseUtc],
  [oid.json, (text) => text],
  [oid.jsonb, (text) => text],
  [oid.int8Array, numberArray(parseInt8)],
  [oid.numericArray, numberArray(parseNumeric)],
]);

export const postgresTypes: pg.CustomTypesConfig = {
  getTypeParser: ((id: number, format?: 'text' | 'binary') => {
    const parser = format === 'binary' ? undefined : parsers.get(id);
    return parser ?? pg.types.getTypeParser(id, format ?? 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};
