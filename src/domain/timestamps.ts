/**
 * Reading dates and times the way they appear in real exports.
 *
 * Accepted without options: ISO 8601 (with or without time and offset), `YYYYMMDD`, `YYYY/MM/DD`,
 * `DD.MM.YYYY`, and slash dates `MM/DD/YYYY` or `DD/MM/YYYY` (which one is the `dateOrder`; the
 * importer sniffs it from the file, `--date-format` decides it). Times without an offset are UTC.
 * `--date-format` takes tokens: YYYY, YY, MM, M, DD, D, HH, mm, ss (e.g. `DD/MM/YYYY HH:mm`).
 */
export type DateOrder = 'mdy' | 'dmy';

const tokenPatterns: Record<string, { regex: string; strftime: string }> = {
  YYYY: { regex: '(\\d{4})', strftime: '%Y' },
  YY: { regex: '(\\d{2})', strftime: '%y' },
  MM: { regex: '(\\d{1,2})', strftime: '%m' },
  M: { regex: '(\\d{1,2})', strftime: '%m' },
  DD: { regex: '(\\d{1,2})', strftime: '%d' },
  D: { regex: '(\\d{1,2})', strftime: '%d' },
  HH: { regex: '(\\d{1,2})', strftime: '%H' },
  mm: { regex: '(\\d{2})', strftime: '%M' },
  ss: { regex: '(\\d{2})', strftime: '%S' },
};

export interface DateFormat {
  /** The format as the user wrote it. */
  text: string;
  /** The same format for DuckDB's and PostgreSQL-compatible `strptime`. */
  strftime: string;
  parse(value: string): Date | null;
}

/** Compiles a token format such as `DD/MM/YYYY HH:mm`; throws with the allowed tokens when it has none. */
export function compileDateFormat(text: string): DateFormat {
  const tokens: string[] = [];
  let regex = '';
  let strftime = '';
  const matcher = /YYYY|YY|MM|M|DD|D|HH|mm|ss|./g;
  for (const [part] of text.matchAll(matcher)) {
    const token = tokenPatterns[part];
    if (token) {
      tokens.push(part);
      regex += token.regex;
      strftime += token.strftime;
    } else {
      regex += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      strftime += part === '%' ? '%%' : part;
    }
  }
  if (!tokens.some((t) => t.startsWith('Y')) || !tokens.some((t) => t.startsWith('M')) || !tokens.some((t) => t.startsWith('D'))) {
    throw new Error(`--date-format ${JSON.stringify(text)} needs a year, a month and a day (tokens: YYYY or YY, MM, DD, and optionally HH, mm, ss)`);
  }
  const compiled = new RegExp(`^${regex}$`);
  return {
    text,
    strftime,
    parse(value: string) {
      const match = compiled.exec(value.trim());
      if (!match) return null;
      const parts: Record<string, number> = {};
      tokens.forEach((token, i) => {
        parts[token[0] === 'm' ? 'min' : token[0] === 's' ? 'sec' : token[0] as string] = Number(match[i + 1]);
      });
      let year = parts.Y ?? 0;
      if (tokens.includes('YY')) year += year < 70 ? 2000 : 1900;
      return utcDate(year, parts.M ?? 0, parts.D ?? 0, parts.H ?? 0, parts.min ?? 0, parts.sec ?? 0);
    },
  };
}

function utcDate(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Reject dates that JavaScript would roll over, such as 31 February.
  return date.getUTCDate() === day && date.getUTCMonth() === month - 1 ? date : null;
}

const iso = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const slash = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Reads one timestamp in any of the accepted forms. Numbers are Unix epoch seconds (or milliseconds when
 * larger than 10^11). Returns `null` when the value is not a date, or is ambiguous without a date order.
 */
export function parseTimestamp(value: unknown, dateOrder: DateOrder = 'mdy', format?: DateFormat): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    return new Date(Math.abs(value) > 1e11 ? value : value * 1000);
  }
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (format) return format.parse(text);
  if (iso.test(text)) {
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) && text.length > 10;
    const date = new Date(hasZone ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}${text.length > 10 ? 'Z' : 'T00:00:00Z'}`);
    if (Number.isNaN(date.getTime())) return null;
    const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
    return hasZone || utcDate(y, m, d) ? date : null;
  }
  let match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (match) return utcDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text);
  if (match) return utcDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (match) return utcDate(Number(match[3]), Number(match[2]), Number(match[1]));
  match = slash.exec(text);
  if (match) {
    const [first, second] = [Number(match[1]), Number(match[2])];
    const [month, day] = dateOrder === 'mdy' ? [first, second] : [second, first];
    return utcDate(Number(match[3]), month, day, Number(match[4] ?? 0), Number(match[5] ?? 0), Number(match[6] ?? 0));
  }
  return null;
}
