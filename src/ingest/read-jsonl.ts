/** Reads a JSON-lines file (Segment-shaped or flat objects), numbering lines and collecting rejects. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Reject } from '../domain/event.js';
import { parseJsonEvent } from '../domain/parse-json-event.js';
import type { DateFormat, DateOrder } from '../domain/timestamps.js';
import type { NumberedEvent } from './stage-canonical.js';

export interface JsonlReadOptions {
  dateOrder?: DateOrder | undefined;
  dateFormat?: DateFormat | undefined;
  onLine?: ((bytes: number) => void) | undefined;
}

/** Yields valid events; pushes each bad line into `rejects` with its line number and the reason. */
export async function* readJsonl(path: string, rejects: (Reject & { raw?: string })[], options: JsonlReadOptions = {}): AsyncGenerator<NumberedEvent> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
  let row = 0;
  for await (const line of lines) {
    row++;
    options.onLine?.(Buffer.byteLength(line) + 1);
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      rejects.push({ row, field: '(row)', reason: `is not valid JSON (${reason})`, raw: line.slice(0, 2000) });
      continue;
    }
    const parsed = parseJsonEvent(value, {
      ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}),
      ...(options.dateFormat ? { dateFormat: options.dateFormat } : {}),
    });
    if (parsed.ok) yield { row, event: parsed.event };
    else rejects.push({ row, field: parsed.field, reason: parsed.reason, raw: line.slice(0, 2000) });
  }
}
