/**
 * Looks at the start of a file to tell its format, delimiter and whether it has a header.
 *
 * DuckDB's own sniffer does not know "runs of whitespace" as a delimiter (the CDNOW logs use it) and gives
 * up on a malformed first rows; our sniffer decides, and DuckDB then reads with `auto_detect=false`.
 */
import { open } from 'node:fs/promises';
import { extname } from 'node:path';

export type FileFormat = 'csv' | 'jsonl' | 'parquet';
export type Delimiter = ',' | '\t' | ';' | '|' | 'whitespace';

export interface SniffedFile {
  format: FileFormat;
  delimiter: Delimiter;
  header: boolean;
  /** Column names from the header, or `column1..N`. */
  columns: string[];
  /** Whether fields carry spaces around them (then every field is trimmed, which costs a little). */
  padded: boolean;
}

const sampleBytes = 256 * 1024;

async function readStart(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(sampleBytes);
    const { bytesRead } = await handle.read(buffer, 0, sampleBytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Splits one CSV line, honouring double quotes (enough for sniffing; DuckDB does the real parse). */
export function splitLine(line: string, delimiter: Delimiter): string[] {
  if (delimiter === 'whitespace') return line.trim().split(/\s+/);
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '"') {
      if (quoted && line[i + 1] === '"') {
        current += '"';
        i++;
      } else quoted = !quoted;
    } else if (char === delimiter && !quoted) {
      fields.push(current);
      current = '';
    } else current += char;
  }
  fields.push(current);
  return fields.map((f) => f.trim());
}

function looksLikeData(field: string): boolean {
  return /^[-+]?[\d.,:/ T-]+[Z]?$/i.test(field) || field === '';
}

export async function sniffFile(path: string, forced?: { format?: FileFormat; delimiter?: Delimiter; header?: boolean }): Promise<SniffedFile> {
  const start = await readStart(path);
  const extension = extname(path).toLowerCase();
  let format = forced?.format;
  if (!format) {
    if (extension === '.parquet' || start.subarray(0, 4).toString('latin1') === 'PAR1') format = 'parquet';
    else if (extension === '.jsonl' || extension === '.ndjson' || extension === '.json' || /^\s*\{/.test(start.subarray(0, 64).toString('utf8')))
      format = 'jsonl';
    else format = 'csv';
  }
  if (format !== 'csv') return { format, delimiter: ',', header: true, columns: [], padded: true };

  const text = start.toString('utf8');
  // A cut-off last line in the sample would skew the counts; drop it unless the sample is the whole file.
  const lines = text.split(/\r?\n/);
  if (start.length === sampleBytes) lines.pop();
  const sample = lines.filter((l) => l.trim() !== '').slice(0, 200);
  if (sample.length === 0) throw new Error(`${path} is empty`);

  let delimiter = forced?.delimiter;
  if (!delimiter) {
    let best: { delimiter: Delimiter; score: number } | undefined;
    for (const candidate of [',', '\t', ';', '|'] as const) {
      // The header (or first row) sets the width; bad rows may differ, so most rows, not all, must agree.
      const counts = sample.map((l) => splitLine(l, candidate).length);
      const first = counts[0] ?? 1;
      const consistent = counts.filter((c) => c === first).length / counts.length;
      if (first > 1 && consistent >= 0.6 && (!best || first * consistent > best.score)) best = { delimiter: candidate, score: first * consistent };
    }
    delimiter = best?.delimiter ?? 'whitespace';
  }

  const firstFields = splitLine(sample[0] ?? '', delimiter);
  const secondFields = sample[1] ? splitLine(sample[1], delimiter) : [];
  // A header is a first row of names over data rows that hold numbers or dates somewhere.
  const header =
    forced?.header ??
    (firstFields.every((f) => f !== '' && !looksLikeData(f)) && (secondFields.length === 0 || secondFields.some(looksLikeData)));
  const width = Math.max(...sample.slice(0, 50).map((l) => splitLine(l, delimiter).length));
  const columns = header ? firstFields.map((f, i) => f || `column${i + 1}`) : Array.from({ length: width }, (_, i) => `column${i + 1}`);
  const padded = delimiter !== 'whitespace' && sample.some((l) => /(^|[,\t;|])[ \t]|[ \t]($|[,\t;|])/.test(l.replace(/\r$/, '')));
  return { format, delimiter, header, columns, padded };
}
