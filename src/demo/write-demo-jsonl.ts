/**
 * Writes the demo as Segment-shaped JSON lines (for `tenure demo --out FILE.jsonl`).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { DemoOptions } from './demo-options.js';
import { emptyDemoStats, type DemoStats } from './demo-stats.js';
import { generateDemoEvents } from './generate-demo-events.js';
import { toSegmentJson } from './to-segment-json.js';

/** Lines are gathered into chunks of about this many characters: one write per line is several times slower. */
const chunkSize = 1 << 20;

/** Writes every demo event as one JSON line to `path` (replacing the file) and returns the demo's counts. */
export async function writeDemoJsonl(path: string, options: DemoOptions = {}): Promise<DemoStats> {
  const stats = emptyDemoStats();
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([error]) => Promise.reject(error as Error));
  // Keep an early failure (e.g. a missing folder) from surfacing as an unhandled rejection before it is awaited.
  failed.catch(() => undefined);
  let chunk = '';
  for (const event of generateDemoEvents(options, stats)) {
    chunk += `${JSON.stringify(toSegmentJson(event))}\n`;
    if (chunk.length >= chunkSize) {
      const flushed = out.write(chunk);
      chunk = '';
      // Respect backpressure so memory stays bounded however large the demo is.
      if (!flushed) await Promise.race([once(out, 'drain'), failed]);
    }
  }
  out.end(chunk);
  await Promise.race([once(out, 'finish'), failed]);
  return stats;
}
