/** The synthetic event log of the lifecycle benchmarks (classify.ts, active-over-time.ts, ...), made inside DuckDB, and a store holding it. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { timed } from './memory-sampler.js';

/**
 * Ten events per customer on average, over 2024 and 2025: 40% orders (70% at full price), page and product
 * views, support tickets, contacts (a quarter outbound), marketing touches, subscription events (product
 * or service, monthly or yearly), surveys with NPS and CSAT, reviews, referrals, usage, identifies, leads.
 * 3% of the non-order events are anonymous, on 200,000 anonymous ids that half the identifies link.
 */
export function generateEvents(customers: number): string {
  const events = customers * 10;
  const anonymousIds = Math.max(1, Math.floor(customers / 5));
  const anonymous = `anon < 3 AND kind NOT IN ('identify', 'order_completed')`;
  return `INSERT INTO events (kind, customer_id, anonymous_id, occurred_at, amount, channel, full_price, properties, import_id)
    WITH raw AS (
      SELECT i, hash(i * 31) % 100 AS b, hash(i) % ${customers} AS c, hash(i * 3) % 100 AS anon FROM range(${events}) t(i)),
    typed AS (
      SELECT i, c, anon, CASE
        WHEN b < 40 THEN 'order_completed' WHEN b < 55 THEN 'page_viewed' WHEN b < 62 THEN 'product_viewed'
        WHEN b < 66 THEN 'support_ticket_opened' WHEN b < 69 THEN 'support_ticket_resolved' WHEN b < 74 THEN 'contact'
        WHEN b < 78 THEN 'marketing_touch' WHEN b < 82 THEN 'subscription_renewed' WHEN b < 84 THEN 'subscription_started'
        WHEN b < 85 THEN 'subscription_cancelled' WHEN b < 87 THEN 'survey_answered' WHEN b < 89 THEN 'review_submitted'
        WHEN b < 90 THEN 'referral_made' WHEN b < 93 THEN 'product_used' WHEN b < 95 THEN 'identify'
        WHEN b < 97 THEN 'lead_captured' WHEN b < 98 THEN 'signed_up' ELSE 'loyalty_points_earned' END AS kind
      FROM raw)
    SELECT kind,
      CASE WHEN ${anonymous} THEN NULL ELSE 'c' || c END,
      CASE WHEN ${anonymous} THEN 'a' || (c % ${anonymousIds}) WHEN kind = 'identify' AND anon < 50 THEN 'a' || (c % ${anonymousIds}) END,
      TIMESTAMP '2024-01-01' + to_seconds(CAST(hash(i * 7) % ${2 * 365 * 86_400} AS BIGINT)),
      CASE WHEN kind IN ('order_completed', 'subscription_started', 'subscription_renewed') THEN CAST(5 + (hash(i * 17) % 10000) / 100.0 AS DECIMAL(18,4)) END,
      CASE WHEN kind = 'contact' THEN ['email', 'phone', 'chat', 'social', 'visit'][1 + CAST(hash(i * 5) % 5 AS INTEGER)] END,
      CASE WHEN kind = 'order_completed' THEN hash(i * 19) % 10 < 7 END,
      CASE
        WHEN kind LIKE 'subscription%' THEN CAST('{"kind":"' || CASE WHEN c % 3 = 0 THEN 'product' ELSE 'service' END || '","interval":"' ||
          CASE WHEN c % 7 = 0 THEN 'year' ELSE 'month' END || '","plan":"p' || (c % 4) || '"}' AS JSON)
        WHEN kind = 'survey_answered' THEN CAST('{"nps":' || (hash(i * 11) % 11) || ',"csat":' || (1 + hash(i * 13) % 5) || '}' AS JSON)
        WHEN kind = 'review_submitted' THEN CAST('{"rating":' || (1 + hash(i * 23) % 5) || '}' AS JSON)
        WHEN kind = 'contact' THEN CAST('{"direction":"' || CASE WHEN hash(i * 29) % 4 = 0 THEN 'outbound' ELSE 'inbound' END || '"}' AS JSON)
        WHEN kind = 'identify' THEN CAST('{"country":"NL"}' AS JSON)
      END,
      0
    FROM typed`;
}

/**
 * Runs `work` on a fresh DuckDB store in a temp folder holding `generateEvents(customers)`, read once so
 * no side of a comparison pays for the first load from disk; closes and removes it afterwards.
 */
export async function withGeneratedStore(customers: number, work: (store: DuckDbStore) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tenure-bench-'));
  try {
    const store = await DuckDbStore.open(join(dir, 'tenure.duckdb'));
    const loaded = await timed(() => store.run(generateEvents(customers)));
    console.log(`generated ${loaded.value.toLocaleString('en-US')} events of ${customers.toLocaleString('en-US')} customers in ${loaded.seconds.toFixed(1)} s`);
    await store.query('SELECT count(*), max(occurred_at), max(amount), max(properties) FROM events');
    await work(store);
    await store.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
