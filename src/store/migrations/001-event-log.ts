/**
 * The event log and what sits beside it.
 *
 * `events` is append-only and the only truth; `customers` (latest traits) is derived from identify events
 * and could be rebuilt from the log. Money is DECIMAL(18,4): exact sums, room for three-decimal currencies.
 * The event table is kept narrow on purpose: every column costs time on each bulk insert, even a NULL one.
 */
export const name = 'event-log';

export const statements = [
  `CREATE TABLE settings (
     key VARCHAR PRIMARY KEY,
     value VARCHAR NOT NULL
   )`,
  `INSERT INTO settings (key, value) VALUES ('reporting_currency', 'USD')`,
  `CREATE TABLE events (
     -- The source's own id; NULL when the source had none. Such an event's id is derived from its
     -- content and its occurrence among identical events (see docs/events.md), so it is not stored.
     event_id VARCHAR,
     kind VARCHAR NOT NULL,
     customer_id VARCHAR,
     anonymous_id VARCHAR,
     occurred_at TIMESTAMP NOT NULL,
     -- In the reporting currency; a converted event keeps original_currency and original_amount in properties.
     amount DECIMAL(18,4),
     order_id VARCHAR,
     channel VARCHAR,
     platform VARCHAR,
     full_price BOOLEAN,
     properties JSON,
     -- Where the event came from: the import (its source file is in imports) and the row in that source.
     import_id INTEGER NOT NULL,
     source_row BIGINT
   )`,
  `CREATE TABLE customers (
     customer_id VARCHAR PRIMARY KEY,
     traits JSON,
     identified_at TIMESTAMP,
     updated_at TIMESTAMP
   )`,
  `CREATE TABLE imports (
     import_id INTEGER PRIMARY KEY,
     source VARCHAR NOT NULL,
     format VARCHAR NOT NULL,
     started_at TIMESTAMP NOT NULL,
     finished_at TIMESTAMP,
     accepted BIGINT,
     duplicates BIGINT,
     rejected BIGINT,
     options JSON
   )`,
  `CREATE TABLE rejects (
     import_id INTEGER NOT NULL,
     source VARCHAR NOT NULL,
     row_number BIGINT NOT NULL,
     field VARCHAR NOT NULL,
     reason VARCHAR NOT NULL,
     raw VARCHAR
   )`,
];
