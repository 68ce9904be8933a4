/**
 * Stages canonical events produced in JavaScript (the JSONL reader, the demo generator, later the API):
 * DuckDB's appender takes them column by column, 2,048 rows at a time (one vector), into a text table,
 * and one statement types them into `staged`. Row-by-row inserts through the driver would be far slower,
 * and a detour through a temp file costs a serialisation and a parse.
 */
import { BIGINT, BOOLEAN, DuckDBDataChunk, VARCHAR } from '@duckdb/node-api';
import type { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import type { CanonicalEvent } from '../domain/event.js';

export interface NumberedEvent {
  row: number;
  event: CanonicalEvent;
}

const textColumns = ['kind', 'event_id', 'customer_id', 'anonymous_id', 'occurred_at', 'amount', 'currency', 'rate', 'order_id', 'channel', 'platform', 'properties'] as const;
/** DuckDB's vector size: the most rows one data chunk holds. */
const chunkRows = 2048;

export async function stageCanonicalEvents(store: DuckDbStore, events: AsyncIterable<NumberedEvent> | Iterable<NumberedEvent>): Promise<number> {
  await store.run('DROP TABLE IF EXISTS staged_text');
  await store.run(`CREATE TEMP TABLE staged_text (row_number BIGINT, full_price BOOLEAN, ${textColumns.map((c) => `${c} VARCHAR`).join(', ')})`);
  const appender = await store.connection.createAppender('staged_text', 'main', 'temp');
  const types = [BIGINT, BOOLEAN, ...textColumns.map(() => VARCHAR)];
  let columns: unknown[][] = types.map(() => []);
  let count = 0;
  const flush = () => {
    const rows = columns[0]?.length ?? 0;
    if (rows === 0) return;
    const chunk = DuckDBDataChunk.create(types, rows);
    chunk.setColumns(columns as never);
    appender.appendDataChunk(chunk);
    columns = types.map(() => []);
  };
  try {
    for await (const { row, event } of events) {
      const values = [
        BigInt(row),
        event.fullPrice,
        event.kind,
        event.eventId,
        event.customerId,
        event.anonymousId,
        event.occurredAt.toISOString(),
        event.amount,
        event.currency,
        event.rate,
        event.orderId,
        event.channel,
        event.platform,
        event.properties === null ? null : JSON.stringify(event.properties),
      ];
      for (let c = 0; c < values.length; c++) columns[c]?.push(values[c]);
      count++;
      if ((columns[0]?.length ?? 0) === chunkRows) flush();
    }
    flush();
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  await store.run('DROP TABLE IF EXISTS staged');
  await store.run(`CREATE TEMP TABLE staged AS
    SELECT row_number, kind, event_id, customer_id, anonymous_id, CAST(occurred_at AS TIMESTAMP) AS occurred_at,
      CAST(amount AS DECIMAL(18,4)) AS amount, currency, CAST(rate AS DECIMAL(18,8)) AS rate, order_id, channel, platform,
      full_price, CAST(properties AS JSON) AS properties, NULL::STRUCT(field VARCHAR, reason VARCHAR) AS reject
    FROM staged_text`);
  await store.run('DROP TABLE staged_text');
  // The JavaScript readers number their own rows and fill every column.
  await store.run('CREATE OR REPLACE TEMP VIEW staged_rows AS SELECT * FROM staged');
  return count;
}
