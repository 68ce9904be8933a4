/**
 * Customer service metrics over a range of days (docs/lifecycle.md, "Customer service"): tickets opened,
 * resolved and still open, first-response and resolution times (median and 90th percentile) overall, by
 * channel, by hour of day and by day of week of the opening, and CSAT after support.
 *
 * A ticket is its `ticket_id`: opened at its first support_ticket_opened, resolved at its first
 * support_ticket_resolved (events up to the end of `to`). Its first response is that resolution's
 * `first_response_minutes`; its resolution time is resolved minus opened, in hours. Times are over the
 * tickets opened in the range and resolved by its end. Percentiles are `percentile_cont`'s definition
 * (linear interpolation between the closest ranks), interpolated here rather than in SQL so that both
 * engines give the very same doubles (see `orderStatsSql`).
 */
import { endOfDay } from '../analytics/time-unit.js';
import { argMin, double, type Dialect } from '../store/sql-dialect.js';
import type { Store } from '../store/store.js';
import { field, Params } from './customer-facts.js';

export interface TimeStats {
  /** Tickets with a value. */
  count: number;
  median: number | null;
  p90: number | null;
}

export interface SupportGroup {
  /** Tickets opened in the range. */
  opened: number;
  /** Tickets first resolved in the range (whenever opened). */
  resolved: number;
  /** Tickets opened by the end of the range and not resolved by then. */
  openAtEnd: number;
  /** Minutes, of the tickets opened in the range and resolved by its end. */
  firstResponseMinutes: TimeStats;
  /** Hours from opening to resolution, of the same tickets. */
  resolutionHours: TimeStats;
}

export interface SupportSlot {
  /** Hour of day 0-23 (UTC), or ISO day of week 1 (Monday) to 7 (Sunday). */
  slot: number;
  opened: number;
  medianFirstResponseMinutes: number | null;
}

export interface SupportMetrics {
  from: string;
  to: string;
  overall: SupportGroup;
  /** By the channel of the opening (else of the resolution, else `unknown`), by channel name. */
  byChannel: ({ channel: string } & SupportGroup)[];
  byHour: SupportSlot[];
  byDayOfWeek: SupportSlot[];
  csat: { answers: number; average: number | null; satisfiedShare: number | null };
}

/** The per-ticket CTEs; `$1` is the exclusive end of `to`, `$2` the start of `from`. */
function ticketsCte(dialect: Dialect): string {
  const ticket = `${field('ticket_id')}`;
  const epoch = (ts: string) => double(dialect, `extract(epoch FROM ${ts})`);
  return `opened AS (
      SELECT ${ticket} AS ticket_id, min(occurred_at) AS opened_at, ${argMin(dialect, `coalesce(channel, ${field('channel')})`, 'occurred_at')} AS channel
      FROM events WHERE kind = 'support_ticket_opened' AND occurred_at < $1 AND ${ticket} IS NOT NULL GROUP BY 1),
    resolved AS (
      SELECT ${ticket} AS ticket_id, min(occurred_at) AS resolved_at, ${argMin(dialect, `coalesce(channel, ${field('channel')})`, 'occurred_at')} AS channel,
        ${argMin(dialect, double(dialect, field('first_response_minutes')), 'occurred_at')} AS first_response
      FROM events WHERE kind = 'support_ticket_resolved' AND occurred_at < $1 AND ${ticket} IS NOT NULL GROUP BY 1),
    tickets AS (
      SELECT o.opened_at, r.resolved_at, coalesce(o.channel, r.channel, 'unknown') AS channel,
        CASE WHEN o.opened_at >= $2 THEN r.first_response END AS first_response,
        CASE WHEN o.opened_at >= $2 AND r.resolved_at >= o.opened_at THEN (${epoch('r.resolved_at')} - ${epoch('o.opened_at')}) / 3600.0 END AS resolution_hours
      FROM opened o FULL JOIN resolved r ON r.ticket_id = o.ticket_id)`;
}

const count = (filter: string) => `CAST(count(*) FILTER (WHERE ${filter}) AS INTEGER)`;

function countsSql(dialect: Dialect, key: string | null): string {
  return `WITH ${ticketsCte(dialect)}
    SELECT ${key === null ? '' : `${key} AS key, `}${count('opened_at >= $2')} AS opened, ${count('resolved_at >= $2')} AS resolved,
      ${count('opened_at IS NOT NULL AND resolved_at IS NULL')} AS open_at_end,
      CAST(count(first_response) AS INTEGER) AS fr_n, CAST(count(resolution_hours) AS INTEGER) AS rh_n
    FROM tickets${key === null ? '' : ` GROUP BY 1`}`;
}

/** The percentiles asked for, in tenths (5 is the median). */
const tenths = [5, 9] as const;

/**
 * The order statistics the percentiles interpolate between, per group: the values at 0-based ranks
 * floor and ceil of (n - 1) * p. SQL only picks values (no arithmetic on them), so both engines hand over
 * the same ones, and `percentile` interpolates in JavaScript: the same double on both.
 */
function orderStatsSql(dialect: Dialect, value: string, key: string | null): string {
  const partition = key === null ? '' : `PARTITION BY ${key}`;
  const ranks = tenths.flatMap((t) => [`floor((n - 1) * ${t} / 10.0)`, `ceil((n - 1) * ${t} / 10.0)`]);
  return `WITH ${ticketsCte(dialect)},
    ranked AS (
      SELECT ${key === null ? '' : `${key} AS key, `}x, CAST(row_number() OVER (${partition} ORDER BY x) - 1 AS INTEGER) AS i,
        CAST(count(*) OVER (${partition}) AS INTEGER) AS n
      FROM (SELECT *, ${value} AS x FROM tickets) t WHERE x IS NOT NULL)
    SELECT ${key === null ? '' : 'key, '}n, i, x FROM ranked WHERE i IN (${ranks.join(', ')})`;
}

type CountRow = { key?: string | number; opened: number; resolved: number; open_at_end: number; fr_n: number; rh_n: number };
type StatRow = { key?: string | number; n: number; i: number; x: number };

/** percentile_cont(p / 10) of a group from its order statistics: linear between the closest ranks; null when empty. */
export function percentile(rows: readonly { n: number; i: number; x: number }[], tenth: number): number | null {
  const n = Number(rows[0]?.n ?? 0);
  if (n === 0) return null;
  const k = (n - 1) * tenth;
  const at = (i: number) => Number(rows.find((r) => Number(r.i) === i)?.x);
  const lo = at(Math.floor(k / 10));
  const frac = (k % 10) / 10;
  return frac === 0 ? lo : lo + (at(Math.ceil(k / 10)) - lo) * frac;
}

class Stats {
  private readonly byKey = new Map<string, StatRow[]>();
  constructor(rows: readonly StatRow[]) {
    for (const row of rows) {
      const key = String(row.key ?? '');
      this.byKey.set(key, [...(this.byKey.get(key) ?? []), row]);
    }
  }
  of(key: string | number = ''): TimeStats {
    const rows = this.byKey.get(String(key)) ?? [];
    return { count: Number(rows[0]?.n ?? 0), median: percentile(rows, 5), p90: percentile(rows, 9) };
  }
}

function group(row: CountRow | undefined, firstResponse: TimeStats, resolution: TimeStats): SupportGroup {
  return {
    opened: Number(row?.opened ?? 0),
    resolved: Number(row?.resolved ?? 0),
    openAtEnd: Number(row?.open_at_end ?? 0),
    firstResponseMinutes: firstResponse,
    resolutionHours: resolution,
  };
}

function slots(counts: readonly CountRow[], stats: Stats, first: number, last: number): SupportSlot[] {
  const out: SupportSlot[] = [];
  for (let slot = first; slot <= last; slot++) {
    const row = counts.find((r) => r.key !== null && r.key !== undefined && Number(r.key) === slot);
    out.push({ slot, opened: Number(row?.opened ?? 0), medianFirstResponseMinutes: stats.of(slot).median });
  }
  return out;
}

function checkDate(option: string, value: string): Date {
  try {
    return endOfDay(value);
  } catch {
    throw new Error(`${option} ${JSON.stringify(value)} is not a date (use YYYY-MM-DD)`);
  }
}

/** Customer service metrics from `from` to `to`, both days included (UTC). */
export async function supportMetrics(store: Store, options: { from: string; to: string }): Promise<SupportMetrics> {
  const start = new Date(checkDate('--from', options.from).getTime() - 86_400_000);
  const end = checkDate('--to', options.to);
  if (start >= end) throw new Error(`--from ${options.from} is after --to ${options.to}`);
  const dialect = store.dialect;
  const params = [end, start];
  const counts = (key: string | null) => store.query<CountRow>(countsSql(dialect, key), params);
  const stats = async (value: string, key: string | null) => new Stats(await store.query<StatRow>(orderStatsSql(dialect, value, key), params));
  // Slots count the tickets opened in the range; the hour and ISO day of week of their opening.
  const hour = 'CASE WHEN opened_at >= $2 THEN CAST(extract(hour FROM opened_at) AS INTEGER) END';
  const day = 'CASE WHEN opened_at >= $2 THEN CAST(extract(isodow FROM opened_at) AS INTEGER) END';
  const [overall] = await counts(null);
  const [frAll, rhAll] = [await stats('first_response', null), await stats('resolution_hours', null)];
  const byChannel = await counts('channel');
  const [frChannel, rhChannel] = [await stats('first_response', 'channel'), await stats('resolution_hours', 'channel')];
  const [byHour, frHour] = [await counts(hour), await stats('first_response', hour)];
  const [byDay, frDay] = [await counts(day), await stats('first_response', day)];
  const csatParams = new Params();
  const csatSql = `SELECT CAST(count(*) AS INTEGER) AS answers, CAST(coalesce(sum(csat), 0) AS INTEGER) AS total, ${count('csat >= 4')} AS satisfied
    FROM (SELECT CAST(${field('csat')} AS INTEGER) AS csat FROM events
      WHERE kind = 'survey_answered' AND occurred_at >= ${csatParams.add(start)} AND occurred_at < ${csatParams.add(end)}
        AND ${field('context')} = 'support' AND ${field('csat')} IS NOT NULL) s`;
  const [csat] = await store.query<{ answers: number; total: number; satisfied: number }>(csatSql, csatParams.values);
  const answers = Number(csat?.answers ?? 0);
  return {
    from: options.from,
    to: options.to,
    overall: group(overall, frAll.of(), rhAll.of()),
    byChannel: byChannel
      .map((row) => ({ channel: String(row.key), ...group(row, frChannel.of(String(row.key)), rhChannel.of(String(row.key))) }))
      .sort((a, b) => (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0)),
    byHour: slots(byHour, frHour, 0, 23),
    byDayOfWeek: slots(byDay, frDay, 1, 7),
    csat: {
      answers,
      average: answers > 0 ? Number(csat?.total) / answers : null,
      satisfiedShare: answers > 0 ? Number(csat?.satisfied) / answers : null,
    },
  };
}
