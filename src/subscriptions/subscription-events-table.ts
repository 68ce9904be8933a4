/**
 * The derived table of subscription events (see store/derived-tables.ts): each subscription event with
 * its properties as typed columns and small codes, so the MRR report reads numbers rather than JSON.
 *
 * A subscription is its `subscription_id`; events without one are one subscription per customer and kind
 * (product or service), as the lifecycle rules read them.
 */
import type { BillingInterval } from '../domain/billing-interval.js';
import { dictionaryTable, type DerivedTable } from '../store/derived-tables.js';
import { double, jsonFields } from '../store/sql-dialect.js';

export const subscriptionEventKinds = ['started', 'renewed', 'changed', 'cancelled'] as const;
export const billingIntervalCodes: readonly BillingInterval[] = ['day', 'week', 'month', 'quarter', 'year'];
export const subscriptionStatusCodes = ['paused', 'active'] as const;

/** `CASE expr WHEN 'a' THEN 0 WHEN 'b' THEN 1 ... ELSE -1 END` for Tenure's own lists of names. */
const code = (expr: string, values: readonly string[]) => `CASE ${expr} ${values.map((v, i) => `WHEN '${v}' THEN ${i}`).join(' ')} ELSE -1 END`;

export const subscriptionEventsTable: DerivedTable = {
  name: 'derived_subscription_events',
  version: 2,
  columns: `import_id INTEGER NOT NULL,
    -- The customer's number in the customers dictionary; NULL for an anonymous event.
    customer_no INTEGER,
    anonymous_id VARCHAR,
    occurred_at TIMESTAMP NOT NULL,
    -- Days since 1970-01-01 of occurred_at.
    day INTEGER NOT NULL,
    -- Numbers in the subscriptions and plans dictionaries (plan -1 when none).
    subscription_no INTEGER NOT NULL,
    plan_no INTEGER NOT NULL,
    -- The index in subscriptionEventKinds, billingIntervalCodes and subscriptionStatusCodes; -1 for none.
    kind_code INTEGER NOT NULL,
    product INTEGER NOT NULL,
    -- The price in units of 1/10,000 of the reporting currency (exact in a double); -1 for none.
    amount DOUBLE NOT NULL,
    interval_code INTEGER NOT NULL,
    interval_count INTEGER NOT NULL,
    trial INTEGER NOT NULL,
    status_code INTEGER NOT NULL`,
  select(dialect, where) {
    const keys = ['subscription_id', 'plan', 'kind', 'interval', 'interval_count', 'trial', 'status'];
    const json = jsonFields(dialect, 'properties', keys, 'p');
    const f = json.field;
    // A subscription id names one subscription wherever it appears (an anonymous event of it included);
    // without one, a person's subscriptions of a kind are one.
    const person = `coalesce('c:' || customer_id, 'a:' || anonymous_id)`;
    return `SELECT import_id, customer_id, anonymous_id, occurred_at,
        CAST(CAST(occurred_at AS DATE) - DATE '1970-01-01' AS INTEGER) AS day,
        coalesce('s:' || ${f('subscription_id')}, ${person} || '~' || coalesce(${f('kind')}, 'service')) AS subscription,
        ${f('plan')} AS plan,
        ${code('kind', subscriptionEventKinds.map((k) => `subscription_${k}`))} AS kind_code,
        CASE WHEN ${f('kind')} = 'product' THEN 1 ELSE 0 END AS product,
        coalesce(${double(dialect, 'amount * 10000')}, -1) AS amount,
        ${code(f('interval'), billingIntervalCodes)} AS interval_code,
        coalesce(CAST(${double(dialect, f('interval_count'))} AS INTEGER), -1) AS interval_count,
        CASE WHEN ${f('trial')} = 'true' THEN 1 ELSE 0 END AS trial,
        ${code(f('status'), subscriptionStatusCodes)} AS status_code
      FROM (SELECT import_id, customer_id, anonymous_id, occurred_at, kind, amount, ${json.parse}
            FROM events
            WHERE kind IN ('subscription_started', 'subscription_renewed', 'subscription_changed', 'subscription_cancelled') AND ${where}) subscription_events`;
  },
  dictionaries: [
    { name: 'customers', key: 'customer_id' },
    { name: 'subscriptions', key: 'subscription' },
    { name: 'plans', key: 'plan' },
  ],
  finish(_dialect, staged) {
    const dictionary = (name: string) => dictionaryTable(subscriptionEventsTable, name);
    return `SELECT s.import_id, c.no, s.anonymous_id, s.occurred_at, s.day, k.no, coalesce(p.no, -1), s.kind_code, s.product, s.amount,
        s.interval_code, s.interval_count, s.trial, s.status_code
      FROM ${staged} s
      LEFT JOIN ${dictionary('customers')} c ON c.key = s.customer_id
      JOIN ${dictionary('subscriptions')} k ON k.key = s.subscription
      LEFT JOIN ${dictionary('plans')} p ON p.key = s.plan`;
  },
};
