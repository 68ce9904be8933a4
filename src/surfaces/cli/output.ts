/** How commands write: data to stdout (JSON, CSV or a table), messages to stderr. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  isTty: boolean;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  isTty: Boolean(process.stderr.isTTY),
};

export function printJson(io: Io, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function printCsv(io: Io, rows: readonly object[], columns?: readonly string[]): void {
  const names = columns ?? Object.keys(rows[0] ?? {});
  let chunk = `${names.join(',')}\n`;
  for (const row of rows) {
    chunk += `${names.map((n) => csvCell((row as Record<string, unknown>)[n])).join(',')}\n`;
    if (chunk.length > 1 << 16) {
      io.out(chunk);
      chunk = '';
    }
  }
  io.out(chunk);
}

export const formatNumber = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Money in the reporting currency, two decimals; `-` for none. */
export const formatMoney = (value: number | null) => (value === null ? '-' : formatNumber(value, 2));

/** A share (0 to 1) as a percentage with one decimal; `-` for none. */
export const formatPercent = (share: number | null) => (share === null ? '-' : `${(share * 100).toFixed(1)}%`);

/**
 * Rows of cells (the header first) as a text table: left-aligned the first `left` columns (or those
 * `left` picks), names; right-aligned the others, numbers.
 */
export function formatTable(rows: readonly (readonly string[])[], left: number | ((column: number) => boolean) = 1): string {
  const isLeft = typeof left === 'number' ? (i: number) => i < left : left;
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (isLeft(i) ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ').trimEnd()).join('\n') + '\n';
}
