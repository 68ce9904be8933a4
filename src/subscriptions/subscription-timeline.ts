/**
 * One subscription's history, from its events, as spans of constant MRR: what the subscription was worth
 * per month on each day, plus the renewals that fell due and whether a trial became paid. Pure: the
 * events of one subscription in time order in, the spans out (mrr-movements.ts turns a customer's spans
 * into MRR movements). docs/subscriptions.md states the rules in words; in short, after ChartMogul:
 *
 * - A payment (`subscription_started`, `_renewed`) covers its billing period, counted from the
 *   subscription's anchor (its start) so that monthly periods keep their day of the month.
 * - MRR is the price of one period normalised to a month (billing-interval.ts): a yearly plan of 120 is
 *   10 a month, every month of the year.
 * - A renewal paid up to `graceDays` after the period ended continues the subscription as if on time; a
 *   period not renewed by then ends the subscription on the day it ran out (churn at the end of the
 *   service period), and a later payment starts it again (a reactivation for the customer).
 * - `subscription_changed` changes the plan, price or interval from its day (an upgrade or downgrade
 *   mid-period); a new interval starts a new period from that day. `status: "paused"` sets MRR to 0
 *   until `status: "active"` (the pause stops the clock: a paused subscription does not run out).
 * - A cancellation ends the subscription at the end of the period paid for (or at once, with
 *   `accessAfterCancel: none`); a payment before then undoes it.
 * - A trial (`trial: true` on the start) is worth 0 until its first payment.
 * - Refunds do not change MRR: MRR is what the customer has committed to pay each month, and a refund
 *   returns money already recognised (ChartMogul's default).
 *
 * Money is in integer units of 1/10,000 (the event log's DECIMAL(18,4)), so movements add up exactly.
 */
import { intervalSchedule, monthlyFactor, type BillingInterval } from '../domain/billing-interval.js';

export interface SubscriptionEvent {
  /** Days since 1970-01-01 (UTC). */
  day: number;
  kind: 'started' | 'renewed' | 'changed' | 'cancelled';
  plan: string | null;
  subscriptionKind: 'product' | 'service';
  /** The price of one billing period, in units of 1/10,000 of the reporting currency; null when not given. */
  amount: number | null;
  interval: BillingInterval | null;
  intervalCount: number | null;
  trial: boolean;
  /** `subscription_changed` only: a pause or a resume. */
  status: 'paused' | 'active' | null;
}

/** The subscription worth `mrr` per month (units of 1/10,000) from `from` to the day before `to`; `to` null: still running. */
export interface MrrSpan {
  from: number;
  to: number | null;
  mrr: number;
  plan: string;
  subscriptionKind: 'product' | 'service';
}

export interface SubscriptionTimeline {
  spans: MrrSpan[];
  /** Paid periods that ran out by the end of the range, renewed in time or not. */
  renewalsDue: RenewalDue[];
  trials: Trial[];
  /**
   * Each stretch of the subscription from a first payment to its end (a payment after it ran out starts a
   * new one): the periods paid, whether it has ended by the end of the range, and the plan, price and
   * interval it was on last. What the sBG model of each plan is fitted on.
   */
  lifetimes: Lifetime[];
  /**
   * Stretches of days on which the subscription was waiting for a renewal: its paid period had run out,
   * the grace days had not, and no later event had come yet. A report whose range ends on such a day
   * sees the subscription still live and unpaid, while the later events decide it otherwise (renewed
   * late, or ended on the day it ran out): what the MRR facts (mrr-facts.ts) look for.
   */
  waits: { from: number; until: number }[];
}

export interface RenewalDue {
  /** The first day not paid for. */
  day: number;
  renewed: boolean;
  /** The plan and kind of the period that ran out. */
  plan: string;
  subscriptionKind: 'product' | 'service';
}

export interface Trial {
  /** The day the trial started and the day it became paid (null: not, by the end of the range). */
  started: number;
  converted: number | null;
  plan: string;
  subscriptionKind: 'product' | 'service';
}

export interface Lifetime {
  payments: number;
  ended: boolean;
  plan: string;
  amount: number;
  interval: BillingInterval;
  intervalCount: number;
}

export interface TimelineRules {
  graceDays: number;
  accessAfterCancel: 'period_end' | 'none';
  /** The last day of the range: a period whose grace runs past it is still waiting for its renewal. */
  lastDay: number;
}

const defaultPlan = 'unknown';

/** Units of money per unit of the reporting currency: MRR is summed in integers of 1/10,000. */
export const moneyUnits = 10_000;

/** Builds one subscription's timeline from its events in time order. */
export function subscriptionTimeline(events: readonly SubscriptionEvent[], rules: TimelineRules): SubscriptionTimeline {
  const spans: MrrSpan[] = [];
  const renewalsDue: RenewalDue[] = [];
  const trials: Trial[] = [];
  const lifetimes: Lifetime[] = [];
  const waits: { from: number; until: number }[] = [];
  let payments = 0; // periods paid since the subscription last started

  // The state between events.
  let live = false;
  let paused = false;
  let inTrial = false;
  let cancelled = false;
  let periods = 0; // periods paid since the current schedule's anchor
  let paidThrough = 0; // the first day not paid for
  let plan = defaultPlan;
  let subscriptionKind: 'product' | 'service' = 'service';
  let amount = 0;
  let interval: BillingInterval = 'month';
  let count = 1;
  let open: MrrSpan | null = null; // the span running now, if its MRR is above 0

  const mrr = () => (live && !paused && !inTrial ? Math.round(amount * monthlyFactor(interval, count)) : 0);
  /** Closes the running span on `day` and opens one with the current worth, if any. */
  const settle = (day: number) => {
    const worth = mrr();
    if (open && open.mrr === worth && open.plan === plan && open.subscriptionKind === subscriptionKind) return;
    if (open) {
      if (open.from < day) spans.push({ ...open, to: day });
      open = null;
    }
    if (worth > 0) open = { from: day, to: null, mrr: worth, plan, subscriptionKind };
  };
  let schedule = intervalSchedule(0, interval, count); // the current schedule's period ends, counted from its anchor day
  const periodEnd = (n: number) => schedule(n);
  const takeTerms = (event: SubscriptionEvent) => {
    if (event.plan !== null) plan = event.plan;
    subscriptionKind = event.subscriptionKind;
    if (event.amount !== null) amount = event.amount;
  };
  const startSchedule = (day: number, event: SubscriptionEvent) => {
    interval = event.interval ?? interval;
    count = event.intervalCount ?? count;
    schedule = intervalSchedule(day, interval, count);
    periods = 1;
    paidThrough = periodEnd(1);
  };
  /** The subscription ends on `day`: its MRR stops, and a trial that ends is not converted. */
  const end = (day: number) => {
    if (payments > 0) lifetimes.push({ payments, ended: true, plan, amount, interval, intervalCount: count });
    payments = 0;
    live = false;
    paused = false;
    cancelled = false;
    inTrial = false;
    settle(day);
  };
  /** Before an event on `day`: a period not renewed within the grace days ran out on its last paid day. */
  const runOut = (day: number) => {
    if (!live || paused) return;
    if (cancelled) {
      if (day >= paidThrough) {
        if (!inTrial) renewalsDue.push({ day: paidThrough, renewed: false, plan, subscriptionKind });
        end(paidThrough);
      }
      return;
    }
    if (day > paidThrough + rules.graceDays) {
      if (!inTrial) renewalsDue.push({ day: paidThrough, renewed: false, plan, subscriptionKind });
      end(paidThrough);
    }
  };

  /** Before an event on `day`: the days since the period ran out, up to the event or the grace's end, were a wait. */
  const noteWait = (day: number) => {
    if (!live || paused || cancelled) return;
    const until = Math.min(day, paidThrough + rules.graceDays);
    if (paidThrough < until) waits.push({ from: paidThrough, until });
  };

  for (const event of events) {
    noteWait(event.day);
    runOut(event.day);
    const day = event.day;
    if (event.kind === 'started' || event.kind === 'renewed') {
      if (!live) {
        // A new start, or a payment after the subscription ran out: a new schedule from today.
        takeTerms(event);
        live = true;
        cancelled = false;
        paused = false;
        inTrial = event.kind === 'started' && event.trial;
        if (inTrial) trials.push({ started: day, converted: null, plan, subscriptionKind });
        payments = inTrial ? 0 : 1;
        startSchedule(day, event);
      } else {
        // A payment while live pays the next period, on the same schedule; a trial's first payment converts it.
        const wasTrial = inTrial;
        if (!wasTrial) renewalsDue.push({ day: paidThrough, renewed: true, plan, subscriptionKind });
        const newInterval = event.interval !== null && (event.interval !== interval || (event.intervalCount ?? count) !== count);
        takeTerms(event);
        cancelled = false;
        paused = false;
        inTrial = false;
        payments++;
        if (wasTrial) {
          const trial = trials[trials.length - 1];
          if (trial) trial.converted = day;
        }
        if (wasTrial || newInterval) startSchedule(day, event);
        else paidThrough = periodEnd(++periods);
      }
    } else if (event.kind === 'changed' && live) {
      if (event.status === 'paused') {
        paused = true;
      } else {
        const resumed = paused && event.status === 'active';
        paused = false;
        const newInterval = event.interval !== null && (event.interval !== interval || (event.intervalCount ?? count) !== count);
        takeTerms(event);
        if (resumed || newInterval) startSchedule(day, event);
      }
    } else if (event.kind === 'cancelled' && live) {
      if (rules.accessAfterCancel === 'none' || inTrial) {
        if (!inTrial) renewalsDue.push({ day: paidThrough, renewed: false, plan, subscriptionKind });
        end(day);
        continue;
      }
      cancelled = true;
    }
    settle(day);
  }
  // The end of the range: a period whose grace has passed by then ran out.
  noteWait(rules.lastDay + 1);
  runOut(rules.lastDay + 1);
  if (open) spans.push(open);
  if (live && payments > 0) lifetimes.push({ payments, ended: false, plan, amount, interval, intervalCount: count });
  return { spans, renewalsDue: renewalsDue.filter((due) => due.day <= rules.lastDay), trials, lifetimes, waits };
}
