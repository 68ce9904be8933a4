/**
 * Subscription retention: cohorts of customers by the month they first paid, followed month by month
 * (customers still paying, and their MRR against what they started with), and for each plan the
 * shifted-beta-geometric model of how long its subscriptions last, fitted on every subscription's
 * periods paid (ended or still running), with the retention it projects, the expected lifetime and the
 * subscription CLV. docs/subscriptions.md defines each figure.
 *
 * The same pass as the MRR report: each customer's subscriptions become timelines
 * (subscription-timeline.ts) and movements (mrr-movements.ts); the cohorts are counted from the
 * movements, the plans' lifetimes from the timelines. The sBG fit runs on the counts of lifetimes by
 * periods paid, so it costs the same for a thousand subscribers as for a million.
 */
import type { TenureConfig } from '../config/config-schema.js';
import { monthlyFactor, type BillingInterval } from '../domain/billing-interval.js';
import { checkRange, dayNumber, PeriodIndex, periodSpans } from '../lifecycle/periods.js';
import { subscriptionValue } from '../models/clv/subscription.js';
import { ModelInputError } from '../models/errors.js';
import { sbgExpectedLifetime, sbgFitLifetimes, sbgSurvival, type LifetimeRow } from '../models/sbg/index.js';
import type { Store } from '../store/store.js';
import { mrrMovements } from './mrr-movements.js';
import { readSubscriptionEvents } from './subscription-events.js';
import { subscriptionEventsTable } from './subscription-events-table.js';
import { refreshDerivedTable } from '../store/derived-tables.js';
import { moneyUnits as units, subscriptionTimeline, type Lifetime, type MrrSpan } from './subscription-timeline.js';
import { reportingCurrency } from '../store/settings.js';

export interface CohortMonth {
  /** The month (YYYY-MM) and how many months after the cohort's first it is (0: the first). */
  month: string;
  offset: number;
  /** Customers of the cohort paying at the month's end, and their share of the cohort. */
  customers: number;
  customerRetention: number;
  /** The cohort's MRR at the month's end, and its ratio to the MRR the cohort started with (net of expansion). */
  mrr: number;
  mrrRetention: number | null;
}

export interface Cohort {
  /** The month the customers first paid (YYYY-MM). */
  cohort: string;
  customers: number;
  /** The MRR the cohort's customers started with (their new-business movements). */
  startingMrr: number;
  months: CohortMonth[];
}

export interface PlanRetention {
  plan: string;
  interval: BillingInterval;
  intervalCount: number;
  /** Subscription lifetimes (from a first payment to an end): ended, and still running at the end of the range. */
  ended: number;
  running: number;
  /** The sBG fit, or why there is none. */
  fit: { alpha: number; beta: number; converged: boolean } | null;
  reason: string | null;
  /** The projected share of new subscriptions still paying after 1, 2, ... 12 periods. */
  projectedRetention: number[];
  /** The expected number of periods paid by a new subscription; null when infinite (alpha <= 1: a long tail of near-immortal subscribers). */
  expectedPeriods: number | null;
  /** The average price of one period, and the expected discounted value of a new subscription at that price. */
  pricePerPeriod: number;
  clv: number | null;
}

export interface CohortReport {
  from: string;
  to: string;
  currency: string;
  /** Monthly discount rate of the CLV. */
  discountRate: number;
  cohorts: Cohort[];
  plans: PlanRetention[];
}

export interface CohortReportOptions {
  from: string;
  to: string;
  config: TenureConfig;
  /** Monthly discount rate of the subscription CLV (default 0.01, as `tenure score`). */
  discountRate?: number;
}


interface CohortSums {
  customers: number;
  startingUnits: number;
  paying: number[];
  units: number[];
}

interface PlanSums {
  interval: BillingInterval;
  intervalCount: number;
  lifetimes: Map<number, { ended: number; running: number }>;
  amountUnits: number;
  count: number;
}

export async function cohortReport(store: Store, options: CohortReportOptions): Promise<CohortReport> {
  checkRange(options.from, options.to);
  const discountRate = options.discountRate ?? 0.01;
  if (!Number.isFinite(discountRate) || discountRate < 0) throw new Error(`--discount-rate ${discountRate} must be a number of 0 or more (a monthly rate: 0.01 is 1%)`);
  const months = periodSpans(options.from, options.to, 'month');
  const index = new PeriodIndex(options.from, months);
  const monthEnds = index.lastDays;
  const lastDay = dayNumber(options.to);
  const rules = { graceDays: options.config.subscriptions.graceDays, accessAfterCancel: options.config.subscriptions.accessAfterCancel, lastDay };
  const cohorts: CohortSums[] = months.map(() => ({ customers: 0, startingUnits: 0, paying: months.map(() => 0), units: months.map(() => 0) }));
  const plans = new Map<string, PlanSums>();

  await refreshDerivedTable(store, subscriptionEventsTable);
  await readSubscriptionEvents(store, { through: options.to }, ({ subscriptions }) => {
    const spans: MrrSpan[] = [];
    for (const events of subscriptions) {
      const timeline = subscriptionTimeline(events, rules);
      spans.push(...timeline.spans);
      for (const lifetime of timeline.lifetimes) addLifetime(plans, lifetime);
    }
    const movements = mrrMovements(spans);
    const start = movements[0];
    if (!start || start.type !== 'new') return;
    const c = index.of(start.day);
    const cohort = c >= 0 && c < months.length ? cohorts[c] : undefined;
    if (!cohort) return;
    cohort.customers++;
    cohort.startingUnits += start.delta;
    // The customer's MRR at each month end from the cohort's month on: the level after the last movement by then.
    let m = 0;
    let level = 0;
    for (let k = c; k < months.length; k++) {
      const end = monthEnds[k] ?? 0;
      while (m < movements.length && (movements[m]?.day ?? Infinity) <= end) level = movements[m++]?.after ?? level;
      if (level > 0) {
        cohort.paying[k] = (cohort.paying[k] ?? 0) + 1;
        cohort.units[k] = (cohort.units[k] ?? 0) + level;
      }
    }
  });

  const currency = await reportingCurrency(store);
  return {
    from: options.from,
    to: options.to,
    currency: currency,
    discountRate,
    cohorts: cohorts.flatMap((sums, c) => (sums.customers === 0 ? [] : [cohortOf(sums, c, months)])),
    plans: [...plans].map(([plan, sums]) => planRetention(plan, sums, discountRate)).sort((a, b) => b.ended + b.running - (a.ended + a.running) || a.plan.localeCompare(b.plan)),
  };
}

function cohortOf(sums: CohortSums, c: number, months: readonly { from: string }[]): Cohort {
  return {
    cohort: months[c]?.from.slice(0, 7) ?? '',
    customers: sums.customers,
    startingMrr: sums.startingUnits / units,
    months: months.slice(c).map((month, offset) => {
      const paying = sums.paying[c + offset] ?? 0;
      const mrrUnits = sums.units[c + offset] ?? 0;
      return {
        month: month.from.slice(0, 7),
        offset,
        customers: paying,
        customerRetention: paying / sums.customers,
        mrr: mrrUnits / units,
        mrrRetention: sums.startingUnits === 0 ? null : mrrUnits / sums.startingUnits,
      };
    }),
  };
}

function addLifetime(plans: Map<string, PlanSums>, lifetime: Lifetime): void {
  let sums = plans.get(lifetime.plan);
  if (!sums) {
    sums = { interval: lifetime.interval, intervalCount: lifetime.intervalCount, lifetimes: new Map(), amountUnits: 0, count: 0 };
    plans.set(lifetime.plan, sums);
  }
  const row = sums.lifetimes.get(lifetime.payments) ?? { ended: 0, running: 0 };
  if (lifetime.ended) row.ended++;
  else row.running++;
  sums.lifetimes.set(lifetime.payments, row);
  sums.amountUnits += lifetime.amount;
  sums.count++;
}

/** The plan's sBG fit and what it projects; without a fit (too little data), the reason. */
function planRetention(plan: string, sums: PlanSums, monthlyDiscountRate: number): PlanRetention {
  const rows: LifetimeRow[] = [...sums.lifetimes].map(([payments, counts]) => ({ payments, ...counts }));
  const ended = rows.reduce((n, row) => n + row.ended, 0);
  const running = rows.reduce((n, row) => n + row.running, 0);
  const pricePerPeriod = sums.count === 0 ? 0 : sums.amountUnits / units / sums.count;
  const base = { plan, interval: sums.interval, intervalCount: sums.intervalCount, ended, running, pricePerPeriod };
  try {
    const fit = sbgFitLifetimes(rows, { requireConvergence: false });
    const params = fit.params;
    const lifetime = sbgExpectedLifetime(params);
    // A period of this plan is 1 / monthlyFactor months; the CLV discounts each period at the compounded monthly rate.
    const periodRate = (1 + monthlyDiscountRate) ** (1 / monthlyFactor(sums.interval, sums.intervalCount)) - 1;
    const clv = periodRate > 0 || params.alpha > 1 ? subscriptionValue(params, { pricePerPeriod, discountRate: periodRate }).value : null;
    return {
      ...base,
      fit: { alpha: params.alpha, beta: params.beta, converged: fit.converged },
      reason: fit.converged ? null : 'the fit did not converge: read its figures with care',
      projectedRetention: Array.from({ length: 12 }, (_, t) => sbgSurvival(params, t + 1)),
      expectedPeriods: lifetime.finite ? lifetime.periods : null,
      clv,
    };
  } catch (error) {
    if (!(error instanceof ModelInputError)) throw error;
    return { ...base, fit: null, reason: error.message.replace('sbgFitLifetimes requires', 'needs'), projectedRetention: [], expectedPeriods: null, clv: null };
  }
}
