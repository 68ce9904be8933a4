/**
 * The lifecycle rules: one customer's facts as of a date (customer-facts.ts) and the population's
 * figures (population-figures.ts) in, the customer's classification with the reason for each part out.
 * Pure and synchronous, so it runs on a million rows as they stream in and is tested without a store.
 * docs/lifecycle.md states every rule in words.
 *
 * The decisions are made at once; the reasons, the sentences saying why, are written when first read
 * (JSON.stringify reads them through `toJSON`). Writing six sentences for each of a million customers
 * that a count by stage never reads made the garbage collector the largest cost of a run.
 */
import type { TenureConfig } from '../config/config-schema.js';
import { packing, type CustomerFacts } from './customer-facts.js';
import type { PopulationFigures } from './population-figures.js';
import { quintileScore, rfmSegment, type RfmScores } from './rfm.js';
import { isLoyalPattern, stageOf } from './stage-rule.js';

export const activeTypes = ['recent_purchaser', 'loyal', 'support_service', 'product_subscriber', 'service_subscriber', 'contact'] as const;
export type ActiveType = (typeof activeTypes)[number];
export const stages = ['reach', 'acquisition', 'conversion', 'retention', 'loyalty'] as const;
export type Stage = (typeof stages)[number];
export const statuses = ['active', 'at_risk', 'lapsed', 'reactivated'] as const;
export type Status = (typeof statuses)[number];

export interface HighValueFigures {
  orders: number;
  fullPriceShare: number;
  spanDays: number;
  averageOrderValue: number;
  medianAverageOrderValue: number | null;
}

export interface Reasons {
  active: string;
  activeTypes: Partial<Record<ActiveType, string>>;
  stage: string;
  status: string;
  highValue: string;
  rfm: string;
}

export interface CustomerClassification {
  readonly customer_id: string;
  /** A prospect known only by an anonymous id not linked to a customer by the date. */
  readonly anonymous: boolean;
  readonly active: boolean;
  readonly activeTypes: readonly ActiveType[];
  readonly stage: Stage;
  /** Null for someone never active (a prospect who has only browsed, say). */
  readonly status: Status | null;
  readonly highValue: boolean;
  readonly highValueFigures: HighValueFigures | null;
  /** Null for someone without an order in the RFM window. */
  readonly rfm: RfmScores | null;
  /** Why, for each part above. */
  readonly reasons: Reasons;
}

export interface ClassifyContext {
  asOf: string;
  config: TenureConfig;
  figures: PopulationFigures;
  /** The as-of date of the model fit whose probability alive the facts carry, if any. */
  fitAsOf: string | null;
}

const dayMs = 86_400_000;

/** The date `days` days before the as-of date, as YYYY-MM-DD. */
export function dayBefore(asOf: string, days: number): string {
  return new Date(Date.parse(`${asOf}T00:00:00Z`) - days * dayMs).toISOString().slice(0, 10);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const money = (value: number) => value.toFixed(2);

interface Subscription {
  kind: 'product' | 'service';
  live: boolean;
  /** Days before the as-of date of the last payment, and the period it paid for. */
  paidDays: number;
  periodDays: number;
  /** The last day of access, in days before the as-of date (negative: after it). */
  throughDays: number;
  cancelled: boolean;
}

function subscription(kind: 'product' | 'service', paid: number | null, cancelledDays: number | null, config: TenureConfig): Subscription | null {
  if (paid === null) return null;
  const paidDays = Math.floor(paid / packing.period);
  const periodDays = paid % packing.period;
  // A cancellation on the day of the last payment counts as after it.
  const cancelled = cancelledDays !== null && cancelledDays <= paidDays;
  // Paid on day X for P days covers X .. X + P - 1; a renewal may be `graceDays` late.
  const lastCovered = paidDays - periodDays + 1;
  const throughDays = cancelled
    ? config.subscriptions.accessAfterCancel === 'period_end' ? lastCovered : (cancelledDays ?? 0) + 1
    : lastCovered - config.subscriptions.graceDays;
  return { kind, live: throughDays <= 0, paidDays, periodDays, throughDays, cancelled };
}

type On = (days: number) => string;

function describeSubscription(s: Subscription, on: On): string {
  const paid = `${s.kind} subscription paid on ${on(s.paidDays)} for ${plural(s.periodDays, 'day')}`;
  if (s.cancelled) return `${paid}, cancelled; access ${s.live ? 'until' : 'ended'} ${on(s.throughDays)}`;
  return `${paid}; ${s.live ? 'live through' : 'not renewed, ended'} ${on(s.throughDays)}`;
}

/** One customer's classification; the reasons are written on first read. */
class Classification implements CustomerClassification {
  #reasons: Reasons | undefined;
  readonly #explain: () => Reasons;

  constructor(
    readonly customer_id: string,
    readonly anonymous: boolean,
    readonly active: boolean,
    readonly activeTypes: readonly ActiveType[],
    readonly stage: Stage,
    readonly status: Status | null,
    readonly highValue: boolean,
    readonly highValueFigures: HighValueFigures | null,
    readonly rfm: RfmScores | null,
    explain: () => Reasons,
  ) {
    this.#explain = explain;
  }

  get reasons(): Reasons {
    this.#reasons ??= this.#explain();
    return this.#reasons;
  }

  toJSON() {
    const { customer_id, anonymous, active, activeTypes, stage, status, highValue, highValueFigures, rfm, reasons } = this;
    return { customer_id, anonymous, active, activeTypes, stage, status, highValue, highValueFigures, rfm, reasons };
  }
}

/** Classifies one customer; `createClassifier` is the faster way to classify many. */
export function classify(facts: CustomerFacts, context: ClassifyContext): CustomerClassification {
  return createClassifier(context)(facts);
}

/** The rules for one as-of date and config, with the dates they name cached: a million customers share a few thousand. */
export function createClassifier(context: ClassifyContext): (facts: CustomerFacts) => CustomerClassification {
  const dates = new Map<number, string>();
  const on: On = (days) => {
    let date = dates.get(days);
    if (date === undefined) {
      date = dayBefore(context.asOf, days);
      dates.set(days, date);
    }
    return date;
  };
  return (facts) => classifyWith(facts, context, on);
}

function classifyWith(facts: CustomerFacts, context: ClassifyContext, on: On): CustomerClassification {
  const { config } = context;
  const window = config.activity.window;

  // Activity: an activity event within the window, or (when configured) a live subscription.
  const lastActivityDays = facts.last_activity === null ? null : Math.floor(facts.last_activity / packing.kind);
  const product = subscription('product', facts.product_paid, facts.product_cancelled_days, config);
  const service = subscription('service', facts.service_paid, facts.service_cancelled_days, config);
  const liveSubscription = product?.live ? product : service?.live ? service : null;
  const byEvent = lastActivityDays !== null && lastActivityDays < window;
  const bySubscription = config.activity.whileSubscribed && liveSubscription !== null;
  const active = byEvent || bySubscription;

  // The loyal pattern: enough purchases (orders and subscription payments) spread over enough days.
  const loyal = config.types.loyal;
  let lastPurchaseDays = facts.last_order_days;
  for (const s of [product, service]) if (s && (lastPurchaseDays === null || s.paidDays < lastPurchaseDays)) lastPurchaseDays = s.paidDays;
  const loyalSpan = facts.loyalty_first_purchase_days === null || lastPurchaseDays === null ? 0 : facts.loyalty_first_purchase_days - lastPurchaseDays;
  const loyalPattern = isLoyalPattern(facts.loyalty_purchases, loyalSpan, config);

  const types: ActiveType[] = [];
  if (active) {
    if (facts.last_order_days !== null && facts.last_order_days < window) types.push('recent_purchaser');
    if (loyalPattern) types.push('loyal');
    if (facts.window_tickets >= config.types.supportService.minTickets) types.push('support_service');
    if (product?.live) types.push('product_subscriber');
    if (service?.live) types.push('service_subscriber');
    if (facts.window_contacts >= config.types.contact.minContacts) types.push('contact');
  }

  // Stage, from the furthest one whose facts hold as of the date.
  const converted = facts.orders > 0 || product !== null || service !== null;
  const retentionWindow = config.stages.retentionWindowDays;
  const repeatOrders = facts.retention_orders - (facts.first_order_days !== null && facts.first_order_days < retentionWindow ? 1 : 0);
  const advocacy = hasAdvocacy(facts, config);
  const stage = stageOf({ converted, loyalPattern, advocacy, repeatPurchase: repeatOrders > 0 || facts.retention_renewals > 0, direct: facts.first_direct !== null });

  const status = statusOf(facts, lastActivityDays, active, config);
  const highValue = highValueOf(facts, context);
  const rfm = rfmOf(facts, context);

  const explain = (): Reasons => {
    const kind = facts.last_activity === null ? null : config.activity.kinds[facts.last_activity % packing.kind];
    const loyalText = `${plural(facts.loyalty_purchases, 'purchase')} in the last ${loyal.windowDays} days` +
      (facts.loyalty_purchases > 0 ? ` spanning ${plural(loyalSpan, 'day')}` : '') +
      ` (loyal: at least ${loyal.minPurchases} over ${loyal.minSpanDays} days)`;
    const typeReasons: Partial<Record<ActiveType, string>> = {};
    for (const type of types) {
      if (type === 'recent_purchaser') typeReasons[type] = `ordered on ${on(facts.last_order_days ?? 0)}, within ${window} days`;
      if (type === 'loyal') typeReasons[type] = loyalText;
      if (type === 'support_service') typeReasons[type] = `${plural(facts.window_tickets, 'support ticket')} in the last ${window} days (at least ${config.types.supportService.minTickets})`;
      if (type === 'product_subscriber' && product) typeReasons[type] = describeSubscription(product, on);
      if (type === 'service_subscriber' && service) typeReasons[type] = describeSubscription(service, on);
      if (type === 'contact') typeReasons[type] = `${plural(facts.window_contacts, 'inbound contact')} in the last ${window} days (at least ${config.types.contact.minContacts})`;
    }
    return {
      active: byEvent
        ? `${kind} on ${on(lastActivityDays ?? 0)}, within the ${window}-day activity window (activity.kinds)`
        : bySubscription && liveSubscription
          ? `subscribed (activity.whileSubscribed): ${describeSubscription(liveSubscription, on)}`
          : lastActivityDays !== null
            ? `inactive: the last activity, ${kind} on ${on(lastActivityDays)}, was ${plural(lastActivityDays, 'day')} before, outside the ${window}-day window`
            : `inactive: no activity event (activity.kinds: ${config.activity.kinds.join(', ')})${product?.live || service?.live ? '; subscribed, but activity.whileSubscribed is off' : ''}`,
      activeTypes: typeReasons,
      stage: stageReason(stage, facts, context, on, { loyalText, loyalPattern, repeatOrders, product, service }),
      status: statusReason(active, facts, lastActivityDays, context, on),
      highValue: highValue.figures === null ? 'no orders' : highValueReason(highValue.highValue, highValue.figures, config),
      rfm: rfmReason(rfm, facts, context),
    };
  };
  return new Classification(facts.customer_id, facts.anonymous, active, types, stage, status, highValue.highValue, highValue.figures, rfm, explain);
}

/** Advocacy within the window: a referral, a review rated well, or a promoter's NPS as the latest answer. */
function advocacySigns(facts: CustomerFacts, config: TenureConfig): string[] {
  const advocacy = config.stages.advocacy;
  const signs: string[] = [];
  if (facts.advocacy_referrals > 0) signs.push(plural(facts.advocacy_referrals, 'referral'));
  if (facts.advocacy_good_reviews > 0) signs.push(`${plural(facts.advocacy_good_reviews, 'review')} rated ${advocacy.minReviewRating}+`);
  if (facts.latest_nps !== null) {
    const days = Math.floor(facts.latest_nps / packing.nps);
    const score = packing.nps - 1 - (facts.latest_nps % packing.nps);
    if (days < advocacy.windowDays && score >= advocacy.minNps) signs.push(`NPS ${score}`);
  }
  return signs;
}

function hasAdvocacy(facts: CustomerFacts, config: TenureConfig): boolean {
  if (facts.advocacy_referrals > 0 || facts.advocacy_good_reviews > 0) return true;
  return facts.latest_nps !== null && advocacySigns(facts, config).length > 0;
}

function stageReason(
  stage: Stage,
  facts: CustomerFacts,
  context: ClassifyContext,
  on: On,
  parts: { loyalText: string; loyalPattern: boolean; repeatOrders: number; product: Subscription | null; service: Subscription | null },
): string {
  const { config } = context;
  const retentionWindow = config.stages.retentionWindowDays;
  const advocacy = config.stages.advocacy;
  if (stage === 'loyalty') return `${parts.loyalText} and advocacy in the last ${advocacy.windowDays} days: ${advocacySigns(facts, config).join(', ')}`;
  if (stage === 'retention') {
    const repeat = [
      parts.repeatOrders > 0 ? plural(parts.repeatOrders, 'repeat order') : null,
      facts.retention_renewals > 0 ? plural(facts.retention_renewals, 'renewal') : null,
    ].filter(Boolean);
    return `${repeat.length > 0 ? `${repeat.join(' and ')} in the last ${retentionWindow} days` : parts.loyalText}` +
      (parts.loyalPattern
        ? `; no advocacy for loyalty (a referral, a review rated ${advocacy.minReviewRating}+ or NPS ${advocacy.minNps}+ in the last ${advocacy.windowDays} days)`
        : '');
  }
  if (stage === 'conversion') {
    const subscribed = [parts.product, parts.service].filter((s) => s !== null).map((s) => s.kind).join(' and ');
    const first = facts.first_order_days !== null ? `first order on ${on(facts.first_order_days)}` : `subscribed (${subscribed})`;
    return `${first}; no repeat order or renewal in the last ${retentionWindow} days`;
  }
  if (stage === 'acquisition' && facts.first_direct !== null) {
    return `${config.stages.acquisitionKinds[facts.first_direct % packing.kind]} on ${on(Math.floor(facts.first_direct / packing.kind))}; no purchase yet`;
  }
  return `seen (${plural(facts.events, 'event')}); no direct contact or lead (stages.acquisitionKinds), no purchase`;
}

/** The mean gap between orders, in days, for customers with two or more. */
function orderRhythm(facts: CustomerFacts): number | null {
  if (facts.orders < 2 || facts.first_order_days === null || facts.last_order_days === null) return null;
  return (facts.first_order_days - facts.last_order_days) / (facts.orders - 1);
}

function isReactivated(facts: CustomerFacts, config: TenureConfig): boolean {
  const before = facts.activity_before_recent_days;
  const back = facts.first_recent_activity_days;
  return before !== null && back !== null && before - back >= config.status.lapsedAfterDays;
}

function statusOf(facts: CustomerFacts, lastActivityDays: number | null, active: boolean, config: TenureConfig): Status | null {
  const { lapsedAfterDays, atRiskProbabilityAlive, atRiskRhythmMultiple } = config.status;
  if (!active) {
    if (lastActivityDays === null) return null;
    return lastActivityDays >= lapsedAfterDays ? 'lapsed' : 'at_risk';
  }
  if (isReactivated(facts, config)) return 'reactivated';
  if (facts.probability_alive !== null) return facts.probability_alive < atRiskProbabilityAlive ? 'at_risk' : 'active';
  const gap = orderRhythm(facts);
  if (gap !== null && lastActivityDays !== null && lastActivityDays > atRiskRhythmMultiple * Math.max(gap, 1)) return 'at_risk';
  return 'active';
}

/** The sentence for `statusOf`'s decision, taking the same branches. */
function statusReason(active: boolean, facts: CustomerFacts, lastActivityDays: number | null, context: ClassifyContext, on: On): string {
  const { config } = context;
  const { lapsedAfterDays, reactivationWindowDays, atRiskProbabilityAlive, atRiskRhythmMultiple } = config.status;
  if (!active) {
    if (lastActivityDays === null) return 'never active';
    if (lastActivityDays >= lapsedAfterDays) return `no activity for ${plural(lastActivityDays, 'day')} (lapsed after ${lapsedAfterDays})`;
    return `inactive for ${plural(lastActivityDays, 'day')}: out of the ${config.activity.window}-day window, lapsed after ${lapsedAfterDays}`;
  }
  if (isReactivated(facts, config)) {
    const before = facts.activity_before_recent_days ?? 0;
    const back = facts.first_recent_activity_days ?? 0;
    return `back on ${on(back)} after ${plural(before - back, 'day')} without activity (lapsed after ${lapsedAfterDays}; comebacks within ${reactivationWindowDays} days)`;
  }
  if (facts.probability_alive !== null) {
    const p = facts.probability_alive;
    const fit = context.fitAsOf ? ` (model fit as of ${context.fitAsOf})` : '';
    return p < atRiskProbabilityAlive ? `probability alive ${p.toFixed(2)} below ${atRiskProbabilityAlive}${fit}` : `probability alive ${p.toFixed(2)}${fit}`;
  }
  const gap = orderRhythm(facts);
  if (gap !== null && lastActivityDays !== null) {
    const rhythm = `the usual ${gap.toFixed(1)} days between orders`;
    return lastActivityDays > atRiskRhythmMultiple * Math.max(gap, 1)
      ? `${plural(lastActivityDays, 'day')} since the last activity: more than ${atRiskRhythmMultiple} x ${rhythm}`
      : `${plural(lastActivityDays, 'day')} since the last activity, within ${atRiskRhythmMultiple} x ${rhythm}`;
  }
  return lastActivityDays === null ? 'active by subscription' : 'active; no rhythm to judge by (fewer than 2 orders)';
}

function highValueOf(facts: CustomerFacts, context: ClassifyContext): { highValue: boolean; figures: HighValueFigures | null } {
  if (facts.orders === 0 || facts.first_order_days === null || facts.last_order_days === null) return { highValue: false, figures: null };
  const rule = context.config.highValue;
  const median = context.figures.medianAverageOrderValue;
  const figures: HighValueFigures = {
    orders: facts.orders,
    fullPriceShare: facts.full_price_orders / facts.orders,
    spanDays: facts.first_order_days - facts.last_order_days,
    averageOrderValue: facts.revenue / facts.orders,
    medianAverageOrderValue: median,
  };
  const highValue = figures.fullPriceShare >= rule.minFullPriceShare && figures.orders >= rule.minOrders && figures.spanDays >= rule.minSpanDays &&
    median !== null && figures.averageOrderValue > median;
  return { highValue, figures };
}

function highValueReason(highValue: boolean, figures: HighValueFigures, config: TenureConfig): string {
  const rule = config.highValue;
  const median = figures.medianAverageOrderValue;
  const above = median !== null && figures.averageOrderValue > median;
  return `${highValue ? 'high value' : 'not high value'}: ` +
    `full-price share ${figures.fullPriceShare.toFixed(2)} ${figures.fullPriceShare >= rule.minFullPriceShare ? '>=' : '<'} ${rule.minFullPriceShare}; ` +
    `${plural(figures.orders, 'order')} over ${plural(figures.spanDays, 'day')} (needs ${rule.minOrders} over ${rule.minSpanDays}); ` +
    `average order ${money(figures.averageOrderValue)} ${above ? 'above' : 'not above'} the median ${median === null ? '-' : money(median)}`;
}

function rfmMonetary(facts: CustomerFacts, config: TenureConfig): number {
  return config.rfm.monetary === 'average' ? facts.rfm_revenue / facts.rfm_orders : facts.rfm_revenue;
}

function rfmOf(facts: CustomerFacts, context: ClassifyContext): RfmScores | null {
  const cuts = context.figures.rfmCuts;
  if (facts.rfm_orders === 0 || facts.last_order_days === null || cuts === null) return null;
  const r = quintileScore(-facts.last_order_days, cuts.r);
  const f = quintileScore(facts.rfm_orders, cuts.f);
  const m = quintileScore(rfmMonetary(facts, context.config), cuts.m);
  return { r, f, m, segment: rfmSegment(r, f, m) };
}

function rfmReason(rfm: RfmScores | null, facts: CustomerFacts, context: ClassifyContext): string {
  const windowDays = context.config.rfm.windowDays;
  const over = windowDays === null ? '' : ` in the last ${windowDays} days`;
  if (rfm === null) return `no orders${over}`;
  return `R ${rfm.r} (last order ${plural(facts.last_order_days ?? 0, 'day')} ago), F ${rfm.f} (${plural(facts.rfm_orders, 'order')}${over}), ` +
    `M ${rfm.m} (${context.config.rfm.monetary === 'average' ? 'average order' : 'revenue'} ${money(rfmMonetary(facts, context.config))}${over}): ` +
    `${rfm.segment.replaceAll('_', ' ')}, quintiles among ${context.figures.rfmCustomers} customers`;
}
