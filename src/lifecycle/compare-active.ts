/**
 * Active vs inactive customers side by side as of a date (docs/lifecycle.md, "Active vs inactive
 * compared"): how many, how engaged, how much of the revenue they bring, their historical and predicted
 * CLV, and the relationship (support tickets, contacts, CSAT, NPS).
 *
 * Builds on part 1's facts (customer-facts.ts, materialised by `withFacts`): who is active, the revenue to
 * date and the predicted CLV of the latest model fit come from them. What they do not carry (events, page
 * views, revenue, tickets, contacts and survey answers over the last window and the trailing 365 days)
 * comes from one grouped scan of the trailing 365 days of the same timeline, joined to the facts.
 *
 * Who is active is the rule of classify.ts written over the facts columns in SQL, so the split is one
 * grouped query; a test holds it to `classifyCustomers` on the hand-built histories.
 */
import { resolvedEventsSql } from '../analytics/resolved-events.js';
import { endOfDay } from '../analytics/time-unit.js';
import type { TenureConfig } from '../config/config-schema.js';
import { double, type Dialect } from '../store/sql-dialect.js';
import type { SqlValue, Store } from '../store/store.js';
import { factsTable, withFacts } from './classify-customers.js';
import { factsSource, field, packing, Params, timelineSql } from './customer-facts.js';

export interface ActiveGroup {
  /** Customers and prospects in the group. */
  customers: number;
  /** Per customer, over the activity window ending on the as-of day. */
  eventsPerCustomer: number;
  pageViewsPerCustomer: number;
  /** Support tickets and inbound contacts. */
  interactionsPerCustomer: number;
  /** Order revenue, and the group's share of everyone's, over the window and the trailing 365 days. */
  windowRevenue: number;
  windowRevenueShare: number | null;
  yearRevenue: number;
  yearRevenueShare: number | null;
  /** Order revenue to date per customer (historical CLV). */
  averageHistoricalClv: number;
  /** The latest model fit's CLV, averaged over the group's scored customers; null without scores. */
  averagePredictedClv: number | null;
  scoredCustomers: number;
  /** Over the trailing 365 days: per customer, and the mean answers (null without any). */
  ticketsPerCustomer: number;
  contactsPerCustomer: number;
  averageCsat: number | null;
  averageNps: number | null;
  csatAnswers: number;
  npsAnswers: number;
}

export interface CompareActiveResult {
  asOf: string;
  window: number;
  whileSubscribed: boolean;
  /** The as-of date of the model fit the predicted CLV comes from, if any. */
  fitAsOf: string | null;
  active: ActiveGroup;
  inactive: ActiveGroup;
}

const yearDays = 365;

/** classify.ts's `active` over the facts columns (-1 for a missing value). */
export function activeSql(config: TenureConfig, params: Params): string {
  const window = params.add(config.activity.window * packing.kind);
  // The latest activity's packed `days * 32 + kind` is below window * 32 exactly when its day is within the window.
  const byEvent = `(last_activity >= 0 AND last_activity < ${window})`;
  if (!config.activity.whileSubscribed) return byEvent;
  const grace = params.add(config.subscriptions.graceDays);
  const live = (paid: string, cancelled: string) => {
    const paidDays = `CAST(floor(${paid} / ${packing.period}.0) AS INTEGER)`;
    const period = `(${paid} - ${paidDays} * ${packing.period})`;
    // Paid on day X for P days covers X .. X - P + 1 (days before the as-of day); a renewal may be `grace` late.
    const lastCovered = `(${paidDays} - ${period} + 1)`;
    // A cancellation on or after the last payment: access to the period's end, or none from its day on.
    const cancelledLive = config.subscriptions.accessAfterCancel === 'period_end' ? `${lastCovered} <= 0` : `${cancelled} + 1 <= 0`;
    return `(${paid} >= 0 AND CASE WHEN ${cancelled} >= 0 AND ${cancelled} <= ${paidDays} THEN ${cancelledLive} ELSE ${lastCovered} - ${grace} <= 0 END)`;
  };
  return `(${byEvent} OR ${live('product_paid', 'product_cancelled_days')} OR ${live('service_paid', 'service_cancelled_days')})`;
}

function compareSql(options: { asOf: string; config: TenureConfig; dialect: Dialect; anonymous: boolean }): { sql: string; params: SqlValue[] } {
  const { config, dialect } = options;
  const params = new Params();
  params.add(endOfDay(options.asOf)); // $1, as resolvedEventsSql expects
  const timeline = timelineSql({ asOf: options.asOf, anonymous: options.anonymous }, params);
  const window = params.add(config.activity.window);
  const year = params.add(yearDays);
  const active = activeSql(config, params);
  const n = (filter: string) => `count(*) FILTER (WHERE ${filter})`;
  const num = (key: string) => double(dialect, field(key));
  const order = `kind = 'order_completed'`;
  const inbound = `kind = 'contact' AND NOT coalesce(${field('direction')} = 'outbound', FALSE)`;
  const recent = `SELECT customer_id, anonymous,
      ${n(`d < ${window}`)} AS window_events,
      ${n(`d < ${window} AND kind IN ('page_viewed', 'product_viewed')`)} AS window_views,
      ${n(`d < ${window} AND (kind = 'support_ticket_opened' OR (${inbound}))`)} AS window_interactions,
      coalesce(sum(amount) FILTER (WHERE ${order} AND d < ${window}), 0) AS window_revenue,
      coalesce(sum(amount) FILTER (WHERE ${order}), 0) AS year_revenue,
      ${n(`kind = 'support_ticket_opened'`)} AS year_tickets,
      ${n(inbound)} AS year_contacts,
      sum(${num('csat')}) FILTER (WHERE kind = 'survey_answered') AS csat_sum,
      count(${field('csat')}) FILTER (WHERE kind = 'survey_answered') AS csat_n,
      sum(${num('nps')}) FILTER (WHERE kind = 'survey_answered') AS nps_sum,
      count(${field('nps')}) FILTER (WHERE kind = 'survey_answered') AS nps_n
    FROM (${timeline}) timeline WHERE d < ${year}
    GROUP BY customer_id, anonymous`;
  const total = (expr: string) => double(dialect, `coalesce(sum(${expr}), 0)`);
  const sql = `WITH ${resolvedEventsSql('TRUE', { anonymous: options.anonymous, dialect })},
    recent AS (${recent})
    SELECT ${active} AS active, CAST(count(*) AS INTEGER) AS customers,
      ${total('r.window_events')} AS window_events, ${total('r.window_views')} AS window_views, ${total('r.window_interactions')} AS window_interactions,
      ${total('r.window_revenue')} AS window_revenue, ${total('r.year_revenue')} AS year_revenue, ${total('f.revenue')} AS revenue,
      CAST(count(*) FILTER (WHERE f.clv >= 0) AS INTEGER) AS scored, ${total('CASE WHEN f.clv >= 0 THEN f.clv END')} AS clv,
      ${total('r.year_tickets')} AS year_tickets, ${total('r.year_contacts')} AS year_contacts,
      ${total('r.csat_sum')} AS csat_sum, ${total('r.csat_n')} AS csat_n, ${total('r.nps_sum')} AS nps_sum, ${total('r.nps_n')} AS nps_n
    FROM ${factsTable} f LEFT JOIN recent r ON r.customer_id = f.customer_id AND r.anonymous = f.anonymous
    GROUP BY 1`;
  return { sql, params: params.values };
}

type GroupRow = {
  active: boolean;
  customers: number;
  window_events: number;
  window_views: number;
  window_interactions: number;
  window_revenue: number;
  year_revenue: number;
  revenue: number;
  scored: number;
  clv: number;
  year_tickets: number;
  year_contacts: number;
  csat_sum: number;
  csat_n: number;
  nps_sum: number;
  nps_n: number;
};

export async function compareActive(store: Store, options: { asOf: string; config: TenureConfig }): Promise<CompareActiveResult> {
  endOfDay(options.asOf);
  const source = await factsSource(store, options.asOf);
  const query = compareSql({ asOf: options.asOf, config: options.config, dialect: store.dialect, anonymous: source.anonymous });
  const rows = await withFacts(store, options.asOf, options.config, () => store.query<GroupRow>(query.sql, query.params));
  const row = (active: boolean) => rows.find((r) => r.active === active);
  const sum = (key: keyof GroupRow) => rows.reduce((s, r) => s + Number(r[key]), 0);
  const share = (value: number, all: number) => (all > 0 ? value / all : null);
  const group = (active: boolean): ActiveGroup => {
    const r = row(active);
    const customers = r ? Number(r.customers) : 0;
    const per = (key: keyof GroupRow) => (r && customers > 0 ? Number(r[key]) / customers : 0);
    const value = (key: keyof GroupRow) => (r ? Number(r[key]) : 0);
    return {
      customers,
      eventsPerCustomer: per('window_events'),
      pageViewsPerCustomer: per('window_views'),
      interactionsPerCustomer: per('window_interactions'),
      windowRevenue: value('window_revenue'),
      windowRevenueShare: share(value('window_revenue'), sum('window_revenue')),
      yearRevenue: value('year_revenue'),
      yearRevenueShare: share(value('year_revenue'), sum('year_revenue')),
      averageHistoricalClv: per('revenue'),
      averagePredictedClv: value('scored') > 0 ? value('clv') / value('scored') : null,
      scoredCustomers: value('scored'),
      ticketsPerCustomer: per('year_tickets'),
      contactsPerCustomer: per('year_contacts'),
      averageCsat: value('csat_n') > 0 ? value('csat_sum') / value('csat_n') : null,
      averageNps: value('nps_n') > 0 ? value('nps_sum') / value('nps_n') : null,
      csatAnswers: value('csat_n'),
      npsAnswers: value('nps_n'),
    };
  };
  return {
    asOf: options.asOf,
    window: options.config.activity.window,
    whileSubscribed: options.config.activity.whileSubscribed,
    fitAsOf: source.fitAsOf,
    active: group(true),
    inactive: group(false),
  };
}
