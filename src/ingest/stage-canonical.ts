/**
 * Stages canonical events produced in JavaScript (the JSONL reader, the demo generator, later the API):
 * they are written as NDJSON to a temp file that DuckDB bulk-reads into `staged`, which is much faster
 * than row-by-row inserts through the driver.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import type { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import type { CanonicalEvent } from '../domain/event.js';
import { sqlString } from './normalize-sql.js';

export interface NumberedEvent {
  row: number;
  event: CanonicalEvent;
}

function toStagedLine({ row, event }: NumberedEvent): string {
  return JSON.stringify({
    row_number: row,
    kind: event.kind,
    event_id: event.eventId,
    customer_id: event.customerId,
    anonymous_id: event.anonymousId,
    occurred_at: event.occurredAt.toISOString(),
    amount: event.amount,
    currency: event.currency,
    rate: event.rate,
    order_id: event.orderId,
    channel: event.channel,
    platform: event.platform,
    full_price: event.fullPrice,
    properties: event.properties,
  });
}

export async function stageCanonicalEvents(store: DuckDbStore, events: AsyncIterable<NumberedEvent> | Iterable<NumberedEvent>): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'tenure-stage-'));
  const file = join(dir, 'staged.ndjson');
  try {
    const out = createWriteStream(file);
    let count = 0;
    let buffer = '';
    for await (const numbered of events) {
      buffer += `${toStagedLine(numbered)}\n`;
      count++;
      if (buffer.length > 1 << 20) {
        if (!out.write(buffer)) await once(out, 'drain');
        buffer = '';
      }
    }
    out.end(buffer);
    await once(out, 'finish');
    await store.run('DROP TABLE IF EXISTS staged');
    await store.run(`CREATE TEMP TABLE staged AS
      SELECT row_number, kind, event_id, customer_id, anonymous_id, CAST(occurred_at AS TIMESTAMP) AS occurred_at,
        CAST(amount AS DECIMAL(18,4)) AS amount, currency, CAST(rate AS DECIMAL(18,8)) AS rate, order_id, channel, platform,
        full_price, properties, NULL::STRUCT(field VARCHAR, reason VARCHAR) AS reject
      FROM read_json(${sqlString(file)}, format = 'newline_delimited', columns = {
        row_number: 'BIGINT', kind: 'VARCHAR', event_id: 'VARCHAR', customer_id: 'VARCHAR', anonymous_id: 'VARCHAR',
        occurred_at: 'VARCHAR', amount: 'VARCHAR', currency: 'VARCHAR', rate: 'VARCHAR', order_id: 'VARCHAR',
        channel: 'VARCHAR', platform: 'VARCHAR', full_price: 'BOOLEAN', properties: 'JSON'})`);
    // The JSON path numbers its own rows and has every column already.
    await store.run('CREATE OR REPLACE TEMP VIEW staged_rows AS SELECT * FROM staged');
    return count;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
