/**
 * The SQL twin of `parseTimestamp`: one expression that reads a text column as a UTC timestamp, or NULL.
 *
 * The plain TIMESTAMP cast is tried first because it is the fast path for ISO data; it ignores offsets, so
 * values that carry one go through TIMESTAMPTZ (the session time zone is UTC).
 */
import type { DateFormat, DateOrder } from '../domain/timestamps.js';

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

export function timestampSql(expr: string, options: { dateOrder: DateOrder; format?: DateFormat | undefined }): string {
  if (options.format) return `try_strptime(${expr}, ${quote(options.format.strftime)})`;
  const slash = options.dateOrder === 'mdy' ? ['%m/%d/%Y', '%m/%d/%Y %H:%M', '%m/%d/%Y %H:%M:%S'] : ['%d/%m/%Y', '%d/%m/%Y %H:%M', '%d/%m/%Y %H:%M:%S'];
  const others = ['%Y%m%d', '%Y/%m/%d', '%d.%m.%Y', ...slash];
  // An offset (+02:00, -0500) after the date part needs the zone-aware cast; 'Z' and none do not.
  return `COALESCE(
    CASE WHEN contains(substr(${expr}, 11), '+') OR contains(substr(${expr}, 11), '-')
      THEN TRY_CAST(TRY_CAST(${expr} AS TIMESTAMPTZ) AS TIMESTAMP)
      ELSE TRY_CAST(${expr} AS TIMESTAMP) END,
    try_strptime(${expr}, [${others.map(quote).join(', ')}]))`;
}

/**
 * SQL that counts the evidence for a day-first or month-first order among slash dates, so the importer
 * can choose one for the whole file: a first part above 12 means day-first, a second part above 12 month-first.
 */
export function dateOrderEvidenceSql(expr: string): string {
  // Only DD/MM/YYYY-or-MM/DD/YYYY values are evidence: split_part of 20240102 or 2024/01/02 would
  // otherwise read the year as a "day above 12".
  const slashDate = `regexp_full_match(v, '\\d{1,2}/\\d{1,2}/\\d{4}.*')`;
  return `SELECT
    count(*) FILTER (WHERE ${slashDate} AND TRY_CAST(split_part(v, '/', 1) AS INTEGER) > 12) AS day_first,
    count(*) FILTER (WHERE ${slashDate} AND TRY_CAST(split_part(v, '/', 2) AS INTEGER) > 12) AS month_first,
    count(*) FILTER (WHERE ${slashDate}) AS slash_dates
  FROM (SELECT trim(${expr}) AS v FROM source_rows) s`;
}
