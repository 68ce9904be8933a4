/**
 * Channels (or platforms) over a range of days: what was spent on each, the prospects it brought and how
 * many of them bought, the customers it acquired and what each cost (CAC), what those customers have paid
 * since and are predicted to pay, the CLV:CAC ratio and the months to pay back their acquisition.
 * docs/profitability.md defines each figure.
 *
 * A person's channel is the one credited with acquiring them (customer-economics.ts: the first marketing
 * touch, or the last before the first purchase with `profitability.attribution: last_touch`; "(none)"
 * without a touch). Spend is every marketing touch's cost in the range, by its own channel or platform.
 */
import { endOfDay } from '../analytics/time-unit.js';
import type { TenureConfig } from '../config/config-schema.js';
import { latestFit } from '../lifecycle/customer-facts.js';
import { checkRange } from '../lifecycle/periods.js';
import { double } from '../store/sql-dialect.js';
import type { Store } from '../store/store.js';
import { economicsTable, withCustomerEconomics } from './customer-economics.js';
import { reportingCurrency } from '../store/settings.js';

export const channelGroupings = ['channel', 'platform'] as const;
export type ChannelGrouping = (typeof channelGroupings)[number];

export function parseChannelGrouping(value: string): ChannelGrouping {
  if ((channelGroupings as readonly string[]).includes(value)) return value as ChannelGrouping;
  throw new Error(`--by ${JSON.stringify(value)} is not a grouping (allowed: ${channelGroupings.join(', ')})`);
}

export interface ChannelRow {
  /** The channel or platform. */
  key: string;
  spend: number;
  /** People first seen in the range credited to the channel, those of them who bought by the end, and the share. */
  prospects: number;
  converted: number;
  conversionRate: number | null;
  /** Customers whose first purchase fell in the range, and spend / them. */
  customersAcquired: number;
  cac: number | null;
  /** What the customers acquired have paid net of refunds by the end of the range, and minus their goods' cost. */
  revenue: number;
  grossMargin: number;
  /** Per customer acquired: net revenue so far, and the model's predicted value (the latest `tenure score` fit by the end; null without one). */
  historicalClv: number | null;
  predictedClv: number | null;
  /** (historical + predicted CLV) / CAC. */
  clvToCac: number | null;
  /** CAC / the gross margin a customer brings per month since their first purchase. */
  paybackMonths: number | null;
}

export interface ChannelReport {
  from: string;
  to: string;
  by: ChannelGrouping;
  attribution: TenureConfig['profitability']['attribution'];
  currency: string;
  /** The model fit whose CLV is `predictedClv`, if any. */
  fitAsOf: string | null;
  /** Largest spend first, then most customers acquired. */
  rows: ChannelRow[];
}

export interface ChannelReportOptions {
  from: string;
  to: string;
  by?: ChannelGrouping;
  config: TenureConfig;
}

const monthDays = 30.4375;

export async function channelReport(store: Store, options: ChannelReportOptions): Promise<ChannelReport> {
  checkRange(options.from, options.to);
  const by = options.by ?? 'channel';
  const fit = await latestFit(store, options.to);
  const start = new Date(endOfDay(options.from).getTime() - 86_400_000);
  const end = endOfDay(options.to);
  return withCustomerEconomics(store, { asOf: options.to, config: options.config }, async () => {
    const d = (expr: string) => double(store.dialect, expr);
    const scores = fit === null ? '' : `LEFT JOIN customer_scores s ON s.fit_id = $3 AND s.customer_id = e.customer_id AND NOT e.anonymous`;
    const rows = await store.query<Record<string, unknown>>(
      `WITH people AS (
         SELECT e.${by} AS key,
           e.first_seen >= $1 AND e.first_seen < $2 AS prospect,
           e.first_purchase_at IS NOT NULL AS bought,
           e.first_purchase_at >= $1 AND e.first_purchase_at < $2 AS acquired,
           e.revenue - e.refunds AS net_revenue, e.revenue - e.refunds - e.cost_of_goods AS gross_margin,
           ${d(`CAST(CAST($2 AS DATE) - CAST(e.first_purchase_at AS DATE) AS INTEGER)`)} / ${monthDays} AS months,
           ${fit === null ? d('NULL') : 's.clv'} AS predicted
         FROM ${economicsTable} e ${scores}),
       spend AS (
         SELECT coalesce(${by}, '(none)') AS key, sum(amount) AS spend
         FROM events WHERE kind = 'marketing_touch' AND occurred_at >= $1 AND occurred_at < $2 GROUP BY 1),
       grouped AS (
         SELECT key,
           count(*) FILTER (WHERE prospect) AS prospects,
           count(*) FILTER (WHERE prospect AND bought) AS converted,
           count(*) FILTER (WHERE acquired) AS acquired,
           coalesce(sum(net_revenue) FILTER (WHERE acquired), 0) AS revenue,
           coalesce(sum(gross_margin) FILTER (WHERE acquired), 0) AS gross_margin,
           sum(greatest(months, 1)) FILTER (WHERE acquired) AS customer_months,
           avg(predicted) FILTER (WHERE acquired) AS predicted
         FROM people GROUP BY key)
       SELECT coalesce(g.key, s.key) AS key, coalesce(s.spend, 0) AS spend, coalesce(g.prospects, 0) AS prospects, coalesce(g.converted, 0) AS converted,
         coalesce(g.acquired, 0) AS acquired, coalesce(g.revenue, 0) AS revenue, coalesce(g.gross_margin, 0) AS gross_margin, g.customer_months, g.predicted
       FROM grouped g FULL JOIN spend s ON s.key = g.key`,
      fit === null ? [start, end] : [start, end, fit.fitId],
    );
    const currency = await reportingCurrency(store);
    return {
      from: options.from,
      to: options.to,
      by,
      attribution: options.config.profitability.attribution,
      currency: currency,
      fitAsOf: fit?.asOf ?? null,
      rows: rows
        .map(toRow)
        .filter((row) => row.spend > 0 || row.prospects > 0 || row.customersAcquired > 0)
        .sort((a, b) => b.spend - a.spend || b.customersAcquired - a.customersAcquired || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    };
  });
}

function toRow(row: Record<string, unknown>): ChannelRow {
  const n = (key: string) => Number(row[key] ?? 0);
  const spend = n('spend');
  const acquired = n('acquired');
  const prospects = n('prospects');
  const revenue = n('revenue');
  const grossMargin = n('gross_margin');
  const cac = acquired === 0 ? null : spend / acquired;
  const historicalClv = acquired === 0 ? null : revenue / acquired;
  const predictedClv = row.predicted === null || row.predicted === undefined ? null : n('predicted');
  const marginPerMonth = acquired === 0 || !row.customer_months ? null : grossMargin / n('customer_months');
  return {
    key: String(row.key),
    spend,
    prospects,
    converted: n('converted'),
    conversionRate: prospects === 0 ? null : n('converted') / prospects,
    customersAcquired: acquired,
    cac,
    revenue,
    grossMargin,
    historicalClv,
    predictedClv,
    clvToCac: cac === null || cac === 0 || historicalClv === null ? null : (historicalClv + (predictedClv ?? 0)) / cac,
    paybackMonths: cac === null || cac === 0 || marginPerMonth === null || marginPerMonth <= 0 ? null : cac / marginPerMonth,
  };
}
