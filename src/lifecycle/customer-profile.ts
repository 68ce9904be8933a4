/**
 * One customer's whole profile as of a date: traits from their identify events, what they did (by event
 * kind), what they bought and paid, the classification with its reasons, the model scores, and the
 * timeline of their interactions, newest first, and the history of their stage (stage-flows.ts). The classification needs the population's figures (the
 * median order value, the RFM cut points), so the facts of everyone are computed as for `customers`.
 */
import type { TenureConfig } from '../config/config-schema.js';
import { resolvedEventsSql } from '../analytics/resolved-events.js';
import { endOfDay } from '../analytics/time-unit.js';
import { byText, double } from '../store/sql-dialect.js';
import type { Store } from '../store/store.js';
import { classify, type CustomerClassification, type Stage } from './classify.js';
import { factsTable, withFacts } from './classify-customers.js';
import { factsSource, Params, timelineSql } from './customer-facts.js';
import { rowsToFacts } from './read-facts.js';
import { stageHistory } from './stage-flows.js';
import { customerProfitability, type CustomerProfit } from '../profitability/customer-profitability.js';
import { lookalikeFor } from '../lookalike/lookalike-scores.js';

export interface KindActivity {
  kind: string;
  events: number;
  /** Money of these events in the reporting currency (orders, refunds, subscription payments), if any. */
  amount: number | null;
  first: string;
  last: string;
}

export interface TimelineEvent {
  occurred_at: string;
  kind: string;
  amount: number | null;
  order_id: string | null;
  channel: string | null;
  platform: string | null;
  properties: Record<string, unknown> | null;
}

export interface CustomerProfile {
  customer_id: string;
  anonymous: boolean;
  asOf: string;
  /** Traits as of the date: each identify's traits merged in time order, the latest value winning. */
  traits: Record<string, unknown>;
  demographic: Record<string, unknown>;
  behavioural: {
    events: number;
    firstSeen: string;
    lastSeen: string;
    byKind: KindActivity[];
    contactsByChannel: Record<string, number>;
    meanReviewRating: number | null;
    latestNps: number | null;
    latestCsat: number | null;
  };
  transactional: {
    orders: number;
    firstOrder: string | null;
    lastOrder: string | null;
    averageOrderValue: number | null;
    fullPriceShare: number | null;
    refunds: number;
    subscriptions: { kind: string; plan: string | null; lastEvent: string; on: string }[];
  };
  financial: { revenue: number; refunded: number; netRevenue: number; subscriptionRevenue: number; currency: string };
  classification: CustomerClassification;
  scores: { fitAsOf: string; probabilityAlive: number | null; expectedPurchases: number | null; clv: number | null } | null;
  /** The days the stage changed, oldest first, up to the as-of date (`from` null: first seen; `to` null: a prospect linked to a customer). */
  stageHistory: { day: string; from: Stage | null; to: Stage | null }[];
  /** What the customer has been worth so far, after goods, service and acquisition (profitability/customer-profitability.ts). */
  profitability: CustomerProfit | null;
  /** For a prospect (reach or acquisition): how much they look like the high-value customers (lookalike/lookalike-scores.ts). */
  lookalike: { score: number; percentile: number; drivers: string[] } | null;
  /** Newest first, at most `timelineLimit` events. */
  timeline: TimelineEvent[];
  timelineTotal: number;
}

/** Traits that describe who the customer is, rather than how to reach them. */
const demographicTraits = ['birthday', 'age_band', 'gender', 'country', 'city', 'income_band'];

export { UnknownCustomerError } from './unknown-customer-error.js';
import { UnknownCustomerError } from './unknown-customer-error.js';
import { reportingCurrency } from '../store/settings.js';

export async function customerProfile(
  store: Store,
  options: { customerId: string; asOf: string; config: TenureConfig; timelineLimit?: number },
): Promise<CustomerProfile> {
  const { customerId, asOf, config } = options;
  endOfDay(asOf);
  const profile = await withFacts(store, asOf, config, async ({ figures, fitAsOf, columns }): Promise<CustomerProfile> => {
    const rows = await store.query(`SELECT * FROM ${factsTable} WHERE customer_id = $1 ORDER BY anonymous`, [customerId]);
    const [row] = rows;
    if (!row) throw new UnknownCustomerError(`no customer or prospect ${JSON.stringify(customerId)} as of ${asOf}`);
    const [facts] = rowsToFacts([Object.values(row)], columns);
    if (!facts) throw new UnknownCustomerError(`no customer or prospect ${JSON.stringify(customerId)} as of ${asOf}`);
    const classification = classify(facts, { asOf, config, figures, fitAsOf });
    const events = await customerEvents(store, customerId, asOf, facts.anonymous, options.timelineLimit ?? 50);
    const byKind = new Map(events.byKind.map((k) => [k.kind, k]));
    const count = (kind: string) => byKind.get(kind)?.events ?? 0;
    const amount = (kind: string) => byKind.get(kind)?.amount ?? 0;
    const orders = byKind.get('order_completed');
    const revenue = amount('order_completed');
    const subscriptionRevenue = amount('subscription_started') + amount('subscription_renewed') + amount('subscription_changed');
    const currency = await reportingCurrency(store);
    return {
      customer_id: facts.customer_id,
      anonymous: facts.anonymous,
      asOf,
      traits: events.traits,
      demographic: Object.fromEntries(demographicTraits.filter((t) => t in events.traits).map((t) => [t, events.traits[t]])),
      behavioural: {
        events: facts.events,
        firstSeen: events.firstSeen,
        lastSeen: events.lastSeen,
        byKind: events.byKind,
        contactsByChannel: events.contactsByChannel,
        meanReviewRating: events.meanRating,
        latestNps: events.latestNps,
        latestCsat: events.latestCsat,
      },
      transactional: {
        orders: facts.orders,
        firstOrder: orders?.first ?? null,
        lastOrder: orders?.last ?? null,
        averageOrderValue: facts.orders > 0 ? revenue / facts.orders : null,
        fullPriceShare: facts.orders > 0 ? facts.full_price_orders / facts.orders : null,
        refunds: count('order_refunded'),
        subscriptions: events.subscriptions,
      },
      financial: {
        revenue,
        refunded: amount('order_refunded'),
        netRevenue: revenue - amount('order_refunded'),
        subscriptionRevenue,
        currency: currency,
      },
      classification,
      scores: fitAsOf && !facts.anonymous
        ? { fitAsOf, probabilityAlive: facts.probability_alive, expectedPurchases: facts.expected_purchases, clv: facts.clv }
        : null,
      stageHistory: [],
      profitability: null,
      lookalike: null,
      timeline: events.timeline,
      timelineTotal: facts.events,
    };
  });
  // Read after the facts' session: on PostgreSQL the stage events stream through a cursor of their own.
  profile.stageHistory = await stageHistory(store, { customerId: profile.customer_id, anonymous: profile.anonymous, asOf, config });
  profile.profitability = await customerProfitability(store, { customerId: profile.customer_id, asOf, config });
  const stage = profile.classification.stage;
  if (stage === 'reach' || stage === 'acquisition') {
    const lookalike = await lookalikeFor(store, { customerId: profile.customer_id, asOf, config });
    if (lookalike.score) {
      const { score, percentile, drivers } = lookalike.score;
      profile.lookalike = { score, percentile, drivers: drivers.map((driver) => driver.text) };
    }
  }
  return profile;
}

interface CustomerEvents {
  byKind: KindActivity[];
  firstSeen: string;
  lastSeen: string;
  traits: Record<string, unknown>;
  contactsByChannel: Record<string, number>;
  meanRating: number | null;
  latestNps: number | null;
  latestCsat: number | null;
  subscriptions: { kind: string; plan: string | null; lastEvent: string; on: string }[];
  timeline: TimelineEvent[];
}

/** The customer's resolved events as of the date: per-kind totals in SQL, the rest read from their events. */
async function customerEvents(store: Store, customerId: string, asOf: string, anonymous: boolean, limit: number): Promise<CustomerEvents> {
  const { dialect, anonymous: storeHasAnonymous } = await factsSource(store, asOf);
  const base = () => {
    const params = new Params();
    params.add(endOfDay(asOf));
    const timeline = timelineSql({ asOf, anonymous: storeHasAnonymous, customerId }, params);
    const sql = `WITH ${resolvedEventsSql('TRUE', { anonymous: storeHasAnonymous, dialect })}, timeline AS (SELECT * FROM (${timeline}) t WHERE anonymous = ${anonymous ? 'TRUE' : 'FALSE'})`;
    return { sql, params };
  };
  const kinds = base();
  const byKind = await store.query<{ kind: string; events: number; amount: number | null; first: Date; last: Date }>(
    `${kinds.sql} SELECT kind, CAST(count(*) AS INTEGER) AS events, ${double(dialect, 'sum(amount)')} AS amount, min(occurred_at) AS first, max(occurred_at) AS last
     FROM timeline GROUP BY kind ORDER BY ${byText(dialect, 'kind')}`,
    kinds.params.values,
  );
  // Identify events, surveys, reviews, contacts and subscription events are few per customer: read whole.
  const detail = base();
  const detailed = await store.query<{ kind: string; occurred_at: Date; channel: string | null; properties: string | null }>(
    `${detail.sql} SELECT kind, occurred_at, channel, CAST(properties AS ${dialect === 'postgres' ? 'TEXT' : 'VARCHAR'}) AS properties FROM timeline
     WHERE kind IN ('identify', 'survey_answered', 'review_submitted', 'contact', 'subscription_started', 'subscription_renewed', 'subscription_changed', 'subscription_cancelled')
     ORDER BY occurred_at, ${byText(dialect, 'kind')}`,
    detail.params.values,
  );
  const recent = base();
  const timeline = await store.query<{ occurred_at: Date; kind: string; amount: number | null; order_id: string | null; channel: string | null; platform: string | null; properties: string | null }>(
    `${recent.sql} SELECT occurred_at, kind, ${double(dialect, 'amount')} AS amount, order_id, channel, platform, CAST(properties AS ${dialect === 'postgres' ? 'TEXT' : 'VARCHAR'}) AS properties
     FROM timeline ORDER BY occurred_at DESC, ${byText(dialect, 'kind')} LIMIT ${Math.max(0, Math.floor(limit))}`,
    recent.params.values,
  );

  const traits: Record<string, unknown> = {};
  const contactsByChannel: Record<string, number> = {};
  const ratings: number[] = [];
  let latestNps: number | null = null;
  let latestCsat: number | null = null;
  const subscriptions = new Map<string, { kind: string; plan: string | null; lastEvent: string; on: string }>();
  for (const event of detailed) {
    const properties = parseProperties(event.properties) ?? {};
    if (event.kind === 'identify') Object.assign(traits, properties);
    if (event.kind === 'contact' && properties.direction !== 'outbound') contactsByChannel[event.channel ?? 'unknown'] = (contactsByChannel[event.channel ?? 'unknown'] ?? 0) + 1;
    if (event.kind === 'review_submitted' && typeof properties.rating === 'number') ratings.push(properties.rating);
    if (event.kind === 'survey_answered' && typeof properties.nps === 'number') latestNps = properties.nps;
    if (event.kind === 'survey_answered' && typeof properties.csat === 'number') latestCsat = properties.csat;
    if (event.kind.startsWith('subscription_')) {
      const kind = typeof properties.kind === 'string' ? properties.kind : 'service';
      const key = typeof properties.subscription_id === 'string' ? properties.subscription_id : kind;
      const previous = subscriptions.get(key);
      subscriptions.set(key, { kind, plan: typeof properties.plan === 'string' ? properties.plan : (previous?.plan ?? null), lastEvent: event.kind, on: day(event.occurred_at) });
    }
  }
  return {
    byKind: byKind.map((k) => ({ kind: k.kind, events: k.events, amount: k.amount, first: k.first.toISOString(), last: k.last.toISOString() })),
    firstSeen: byKind.reduce((min, k) => (k.first < min ? k.first : min), byKind[0]?.first ?? new Date(0)).toISOString(),
    lastSeen: byKind.reduce((max, k) => (k.last > max ? k.last : max), byKind[0]?.last ?? new Date(0)).toISOString(),
    traits,
    contactsByChannel,
    meanRating: ratings.length > 0 ? ratings.reduce((s, r) => s + r, 0) / ratings.length : null,
    latestNps,
    latestCsat,
    subscriptions: [...subscriptions.values()],
    timeline: timeline.map((e) => ({
      occurred_at: e.occurred_at.toISOString(),
      kind: e.kind,
      amount: e.amount,
      order_id: e.order_id,
      channel: e.channel,
      platform: e.platform,
      properties: parseProperties(e.properties),
    })),
  };
}

function parseProperties(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

const day = (date: Date) => date.toISOString().slice(0, 10);
