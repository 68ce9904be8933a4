/**
 * The synthetic subscription log of bench/mrr.ts, made inside DuckDB: each subscriber starts in one of the
 * 24 months of 2024 and 2025 on a day from the 1st to the 28th, on a monthly basic (10), monthly pro (30),
 * quarterly team (75) or yearly plan (100), stays for 1 to 30 periods, pays each renewal (one in twenty
 * two days late, within the grace days), one in ten basic subscribers upgrades to pro in its second
 * month, and those who leave before the end of 2025 cancel in their last period.
 */
/** The log for `n` subscribers, as one INSERT into `events`. */
export function subscriptionLog(n: number): string {
  return `INSERT INTO events (kind, customer_id, occurred_at, amount, properties, import_id)
    WITH people AS (
      SELECT i, CAST(hash(i) % 24 AS INTEGER) AS start_month, CAST(hash(i * 7) % 28 AS INTEGER) AS start_day,
        CAST(1 + hash(i * 3) % 30 AS INTEGER) AS periods, CAST(hash(i * 11) % 4 AS INTEGER) AS plan_code,
        hash(i * 13) % 10 = 0 AS upgrades
      FROM range(${n}) t(i)),
    plans AS (
      SELECT *, CASE plan_code WHEN 0 THEN 'basic' WHEN 1 THEN 'pro' WHEN 2 THEN 'team' ELSE 'yearly' END AS plan,
        CASE plan_code WHEN 2 THEN 3 WHEN 3 THEN 12 ELSE 1 END AS months,
        CASE plan_code WHEN 0 THEN 10 WHEN 1 THEN 30 WHEN 2 THEN 75 ELSE 100 END AS price,
        CASE plan_code WHEN 2 THEN 'quarter' WHEN 3 THEN 'year' ELSE 'month' END AS billing
      FROM people),
    payments AS (
      SELECT p.*, k, start_month + k * months AS month FROM plans p, range(30) r(k)
      WHERE k < periods AND start_month + k * months < 24),
    rows AS (
      SELECT i, CASE WHEN k = 0 THEN 'subscription_started' ELSE 'subscription_renewed' END AS kind,
        TIMESTAMP '2024-01-01' + to_months(month) + to_days(start_day + CASE WHEN k > 0 AND hash(i * 17 + k) % 20 = 0 THEN 2 ELSE 0 END) + INTERVAL 9 HOUR AS occurred,
        CASE WHEN upgrades AND plan = 'basic' AND k >= 2 THEN 'pro' ELSE plan END AS plan, billing,
        CASE WHEN upgrades AND plan = 'basic' AND k >= 2 THEN 30 ELSE price END AS price
      FROM payments
      UNION ALL
      SELECT i, 'subscription_changed', TIMESTAMP '2024-01-01' + to_months(start_month + 1) + to_days(start_day + 14), 'pro', billing, 30
      FROM plans WHERE upgrades AND plan = 'basic' AND periods > 2 AND start_month + 1 < 24
      UNION ALL
      SELECT i, 'subscription_cancelled', TIMESTAMP '2024-01-01' + to_months(start_month + (periods - 1) * months) + to_days(start_day + 10), plan, billing, NULL
      FROM plans WHERE start_month + periods * months < 24)
    SELECT kind, 'c' || i, occurred, CAST(price AS DECIMAL(18,4)),
      '{"subscription_id":"s' || i || '","plan":"' || plan || '","kind":"service","interval":"' || billing || '","interval_count":1}', 1
    FROM rows`;
}

