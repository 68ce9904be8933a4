/**
 * One customer's stage timeline: the days on which its stage changes, from its stage-relevant events
 * (read in one pass over the log by stage-transitions.ts). Pure, so it runs on a million customers as
 * they stream in and is tested without a store.
 *
 * A stage depends on windowed facts (docs/lifecycle.md, "Stage"), so it can change only on a day an event
 * starts counting (its own day, or for an anonymous event the day its anonymous id is linked to the
 * customer) or on the day an event leaves one of the windows (its day + the retention, loyal or advocacy
 * window), and for a prospect on the day it is linked and vanishes into its customer. The stage is
 * evaluated on each such day with the same rule as the classification as of one date (stage-rule.ts) on
 * the facts as of that day, and a transition is recorded wherever it differs from the day before.
 */
import type { TenureConfig } from '../config/config-schema.js';
import type { Stage } from './classify.js';
import { isLoyalPattern, stageOf } from './stage-rule.js';

/** What a row of stage-relevant events is, as bits (one event may be several things). */
export const stageFlags = {
  order: 1,
  /** A subscription start or renewal. */
  payment: 2,
  /** ... of a product or service subscription (another `kind` counts as a purchase, not as a conversion). */
  knownSubscription: 4,
  renewal: 8,
  /** A kind of `stages.acquisitionKinds`. */
  direct: 16,
  referral: 32,
  /** A review rated at least `stages.advocacy.minReviewRating`. */
  goodReview: 64,
  /** A survey answer with an NPS (`nps` holds it). */
  nps: 128,
} as const;

/** A day that never comes: "not linked", for rows that never stop counting (a small integer to V8, so arrays of days stay integer arrays). */
export const never = 2 ** 30 - 1;

/**
 * One customer's stage-relevant events, as parallel columns (reused from customer to customer, so a
 * million customers make no garbage): row i is `count[i]` events of day `day[i]` that start counting on
 * day `from[i]`, with bits `flags[i]` (0: an event that only makes the customer seen) and NPS `nps[i]`.
 * Days are whole days after some fixed day; the rows come in any order.
 */
export class StageEvents {
  day: number[] = [];
  from: number[] = [];
  flags: number[] = [];
  nps: number[] = [];
  count: number[] = [];
  length = 0;
  /** For a prospect: the day its anonymous id is linked to a customer, when it stops being counted (`never` if not). */
  until = never;

  clear(): void {
    this.length = 0;
    this.until = never;
  }

  push(day: number, from: number, flags: number, nps: number, count: number): void {
    const i = this.length++;
    this.day[i] = day;
    this.from[i] = from;
    this.flags[i] = flags;
    this.nps[i] = nps;
    this.count[i] = count;
  }
}

export interface StageTransition {
  /** The day the new stage holds from (a day number, as the events'). */
  day: number;
  /** Null: first seen. */
  from: Stage | null;
  /** Null: a prospect linked to a customer that day, counted from then on as the customer. */
  to: Stage | null;
}

/** The stage rule's settings, read once. */
export interface StageWindows {
  retention: number;
  loyal: number;
  advocacy: number;
  minNps: number;
  config: TenureConfig;
}

export function stageWindows(config: TenureConfig): StageWindows {
  return {
    retention: config.stages.retentionWindowDays,
    loyal: config.types.loyal.windowDays,
    advocacy: config.stages.advocacy.windowDays,
    minNps: config.stages.advocacy.minNps,
    config,
  };
}

/** The stage as of day `d` (null: not seen yet, or a prospect already linked), as classify.ts decides it. */
export function stageOn(events: StageEvents, d: number, w: StageWindows): Stage | null {
  if (d >= events.until) return null;
  let seen = false;
  let converted = false;
  let direct = false;
  let retentionOrders = 0;
  let firstOrder = never;
  let renewals = 0;
  let loyalPurchases = 0;
  let loyalFirst = never;
  let lastPurchase = -never;
  let advocacy = false;
  let npsDay = -never;
  let npsScore = -1;
  const { day, from, flags, nps, count } = events;
  for (let i = 0; i < events.length; i++) {
    if ((from[i] as number) > d) continue;
    seen = true;
    const f = flags[i] as number;
    if (f === 0) continue;
    const e = day[i] as number;
    const age = d - e;
    const n = count[i] as number;
    if (f & stageFlags.order) {
      converted = true;
      if (age < w.retention) retentionOrders += n;
      if (e < firstOrder) firstOrder = e;
      if (e > lastPurchase) lastPurchase = e;
    }
    if (f & (stageFlags.order | stageFlags.payment) && age < w.loyal) {
      loyalPurchases += n;
      if (e < loyalFirst) loyalFirst = e;
    }
    if (f & stageFlags.knownSubscription) {
      converted = true;
      if (e > lastPurchase) lastPurchase = e;
    }
    if (f & stageFlags.renewal && age < w.retention) renewals += n;
    if (f & stageFlags.direct) direct = true;
    if (f & (stageFlags.referral | stageFlags.goodReview) && age < w.advocacy) advocacy = true;
    if (f & stageFlags.nps) {
      // The latest answer counts (on the same day, the highest), good or bad.
      const score = nps[i] as number;
      if (e > npsDay || (e === npsDay && score > npsScore)) {
        npsDay = e;
        npsScore = score;
      }
    }
  }
  if (!seen) return null;
  if (npsDay > -never && d - npsDay < w.advocacy && npsScore >= w.minNps) advocacy = true;
  // As classify.ts: the span from the first purchase in the loyal window to the latest order or payment.
  const span = loyalPurchases > 0 && lastPurchase > -never ? lastPurchase - loyalFirst : 0;
  const firstOrderInWindow = firstOrder !== never && d - firstOrder < w.retention;
  return stageOf({
    converted,
    loyalPattern: isLoyalPattern(loyalPurchases, span, w.config),
    advocacy,
    repeatPurchase: retentionOrders - (firstOrderInWindow ? 1 : 0) > 0 || renewals > 0,
    direct,
  });
}

/** Reused from customer to customer. */
const days: number[] = [];

/** Adds a day to the sorted, duplicate-free `days` (an insertion sort: a customer has a few dozen at most). */
function addDay(day: number): void {
  let i = days.length;
  while (i > 0 && (days[i - 1] as number) > day) i--;
  if (i > 0 && days[i - 1] === day) return;
  days.splice(i, 0, day);
}

/**
 * The days on which the stage may change, ascending, each once (in an array reused by the next call):
 * the days events start counting, and the days they leave the windows they count in.
 */
function candidateDays(events: StageEvents, w: StageWindows): number[] {
  days.length = 0;
  for (let i = 0; i < events.length; i++) {
    addDay(events.from[i] as number);
    const f = events.flags[i] as number;
    const e = events.day[i] as number;
    if (f & (stageFlags.order | stageFlags.renewal)) addDay(e + w.retention);
    if (f & (stageFlags.order | stageFlags.payment)) addDay(e + w.loyal);
    if (f & (stageFlags.referral | stageFlags.goodReview | stageFlags.nps)) addDay(e + w.advocacy);
  }
  if (events.until !== never) addDay(events.until);
  return days;
}

/** The customer's transitions on the days up to `last` (included), in order. */
export function stageTransitions(events: StageEvents, w: StageWindows, last: number): StageTransition[] {
  const out: StageTransition[] = [];
  let stage: Stage | null = null;
  for (const d of candidateDays(events, w)) {
    if (d > last) break;
    const next = stageOn(events, d, w);
    if (next !== stage) {
      out.push({ day: d, from: stage, to: next });
      stage = next;
    }
  }
  return out;
}
