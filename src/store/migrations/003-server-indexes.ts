/**
 * Indexes for the server engine. DuckDB scans its columnar tables fast enough and pays heavily for index
 * upkeep on bulk appends, so it gets none; PostgreSQL needs one to check a source's event ids against the
 * log without reading all of it (import deduplication).
 */
export const name = 'server-indexes';

export const statements = [
  { only: 'postgres', sql: 'CREATE INDEX events_event_id ON events (event_id) WHERE event_id IS NOT NULL' },
] as const;
