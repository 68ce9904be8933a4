/**
 * MRR and its movements by day, week or month, overall and by plan or by kind of subscription, with the
 * figures a finance lead reads beside them: ARR, paying customers, ARPA, customer churn rate, gross and
 * net MRR churn rate, renewal rate and trial conversion. docs/subscriptions.md defines each.
 *
 * One pass: the subscription events stream out a customer at a time (subscription-events.ts), each
 * subscription becomes MRR spans (subscription-timeline.ts), the customer's spans become movements
 * (mrr-movements.ts), and the movements are added into the periods. Opening MRR is what the movements
 * before the range add up to; closing MRR is counted separately, from the spans live on the period's
 * last day, so `opening + movements = closing` is a check, not a definition.
 */
import type { TenureConfig } from '../config/config-schema.js';
import { checkRange, dayNumber, PeriodIndex, periodSpans, type Grain } from '../lifecycle/periods.js';
import type { Store } from '../store/store.js';
import { movementTypes, mrrMovements, type MovementType } from './mrr-movements.js';
import { readSubscriptionEvents } from './subscription-events.js';
import { moneyUnits as units, subscriptionTimeline, type MrrSpan } from './subscription-timeline.js';
import { reportingCurrency } from '../store/settings.js';

export const groupings = ['plan', 'kind'] as const;
export type Grouping = (typeof groupings)[number];

export function parseGrouping(value: string): Grouping {
  if ((groupings as readonly string[]).includes(value)) return value as Grouping;
  throw new Error(`--by ${JSON.stringify(value)} is not a grouping (allowed: ${groupings.join(', ')})`);
}

/** Money in the reporting currency; counts of customers. */
export interface MrrPeriod {
  from: string;
  to: string;
  openingMrr: number;
  movements: Record<MovementType, number>;
  /** Customers behind each movement in the period (a customer who expanded twice counts once). */
  movementCustomers: Record<MovementType, number>;
  closingMrr: number;
  arr: number;
  openingCustomers: number;
  closingCustomers: number;
  /** Closing MRR per paying customer; null without any. */
  arpa: number | null;
  /** Churned customers / paying customers at the start. */
  customerChurnRate: number | null;
  /** (churn + contraction) / opening MRR. */
  grossMrrChurnRate: number | null;
  /** (churn + contraction - expansion - reactivation) / opening MRR: negative when the base grows on its own. */
  netMrrChurnRate: number | null;
  renewals: { due: number; renewed: number; rate: number | null };
  trials: { started: number; converted: number; conversionRate: number | null };
}

export interface MrrReport {
  from: string;
  to: string;
  grain: Grain;
  by: Grouping | null;
  currency: string;
  periods: MrrPeriod[];
  /** With `by`: the same periods for each plan or kind, largest closing MRR first. */
  groups: { group: string; periods: MrrPeriod[] }[];
}

export interface MrrReportOptions {
  from: string;
  to: string;
  grain: Grain;
  by?: Grouping | null;
  config: TenureConfig;
}


/** Sums for one series (everyone, or one group), in integer units and counts, per period. */
class Series {
  readonly opening = { mrr: 0, customers: 0 };
  readonly movement: Record<MovementType, { units: number; customers: number }[]>;
  readonly closingUnits: number[];
  readonly closingCustomers: number[];
  readonly renewals: { due: number; renewed: number }[];
  readonly trials: { started: number; converted: number }[];

  constructor(readonly periodCount: number) {
    const zeros = () => Array.from({ length: periodCount }, () => ({ units: 0, customers: 0 }));
    this.movement = Object.fromEntries(movementTypes.map((type) => [type, zeros()])) as Series['movement'];
    // Differences over the periods (one extra slot for "after the range"); summed in `finish`.
    this.closingUnits = new Array<number>(periodCount + 1).fill(0);
    this.closingCustomers = new Array<number>(periodCount + 1).fill(0);
    this.renewals = Array.from({ length: periodCount }, () => ({ due: 0, renewed: 0 }));
    this.trials = Array.from({ length: periodCount }, () => ({ started: 0, converted: 0 }));
  }
}

export async function mrrReport(store: Store, options: MrrReportOptions): Promise<MrrReport> {
  checkRange(options.from, options.to);
  const periods = periodSpans(options.from, options.to, options.grain);
  const index = new PeriodIndex(options.from, periods);
  const lastDay = dayNumber(options.to);
  const rules = { graceDays: options.config.subscriptions.graceDays, accessAfterCancel: options.config.subscriptions.accessAfterCancel, lastDay };
  const overall = new Series(periods.length);
  const groups = new Map<string, Series>();
  const by = options.by ?? null;

  await readSubscriptionEvents(store, options.to, ({ subscriptions }) => {
    const spans: MrrSpan[] = [];
    for (const events of subscriptions) {
      const timeline = subscriptionTimeline(events, rules);
      spans.push(...timeline.spans);
      const group = by === null ? null : by === 'plan' ? (timeline.spans.at(-1)?.plan ?? events.findLast((e) => e.plan !== null)?.plan ?? 'unknown') : (events[0]?.subscriptionKind ?? 'service');
      for (const series of group === null ? [overall] : [overall, seriesOf(groups, group, periods.length)]) {
        for (const due of timeline.renewalsDue) {
          const p = index.of(due.day);
          if (p < 0 || p >= periods.length) continue;
          const bucket = series.renewals[p];
          if (!bucket) continue;
          bucket.due++;
          if (due.renewed) bucket.renewed++;
        }
        for (const trial of timeline.trials) {
          const p = index.of(trial.started);
          const bucket = p >= 0 && p < periods.length ? series.trials[p] : undefined;
          if (!bucket) continue;
          bucket.started++;
          if (trial.converted !== null) bucket.converted++;
        }
      }
    }
    addCustomer(overall, spans, index);
    if (by !== null) {
      const byGroup = new Map<string, MrrSpan[]>();
      for (const span of spans) {
        const key = by === 'plan' ? span.plan : span.subscriptionKind;
        const list = byGroup.get(key);
        if (list) list.push(span);
        else byGroup.set(key, [span]);
      }
      for (const [group, groupSpans] of byGroup) addCustomer(seriesOf(groups, group, periods.length), groupSpans, index);
    }
  });

  const currency = await reportingCurrency(store);
  const toPeriods = (series: Series) => finish(series, periods);
  return {
    from: options.from,
    to: options.to,
    grain: options.grain,
    by,
    currency,
    periods: toPeriods(overall),
    groups: [...groups]
      .map(([group, series]) => ({ group, periods: toPeriods(series) }))
      .sort((a, b) => (b.periods.at(-1)?.closingMrr ?? 0) - (a.periods.at(-1)?.closingMrr ?? 0) || a.group.localeCompare(b.group)),
  };
}

function seriesOf(groups: Map<string, Series>, group: string, periodCount: number): Series {
  let series = groups.get(group);
  if (!series) {
    series = new Series(periodCount);
    groups.set(group, series);
  }
  return series;
}

/** Adds one customer's spans (everything, or one group's) to a series. */
function addCustomer(series: Series, spans: readonly MrrSpan[], index: PeriodIndex): void {
  if (spans.length === 0) return;
  const periodCount = index.lastDays.length;
  const clamp = (p: number) => Math.max(0, Math.min(periodCount, p));
  // The last period each movement type counted this customer in: a customer counts once per type and period.
  const counted: Record<MovementType, number> = { new: -1, expansion: -1, reactivation: -1, contraction: -1, churn: -1 };
  for (const movement of mrrMovements(spans)) {
    const p = index.of(movement.day);
    // Paying customers at each period's end, as differences: +1 from the period they start paying in.
    const paying = movement.before === 0 ? 1 : movement.after === 0 ? -1 : 0;
    if (paying !== 0) series.closingCustomers[clamp(p)] = (series.closingCustomers[clamp(p)] ?? 0) + paying;
    if (p < 0) {
      // Before the range: part of the opening figures.
      series.opening.mrr += movement.delta;
      series.opening.customers += paying;
      continue;
    }
    const bucket = series.movement[movement.type][p];
    if (!bucket) continue; // after the range
    bucket.units += movement.delta;
    if (counted[movement.type] !== p) bucket.customers++;
    counted[movement.type] = p;
  }
  // MRR at each period's end straight from the spans, as differences: a span is live on the last day of
  // the periods from the one it starts in up to (not including) the one its end day falls in.
  for (const span of spans) {
    const start = clamp(index.of(span.from));
    const end = span.to === null ? periodCount : clamp(index.of(span.to));
    if (start >= end) continue;
    series.closingUnits[start] = (series.closingUnits[start] ?? 0) + span.mrr;
    series.closingUnits[end] = (series.closingUnits[end] ?? 0) - span.mrr;
  }
}

const ratio = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : numerator / denominator);

function finish(series: Series, periods: readonly { from: string; to: string }[]): MrrPeriod[] {
  let openingUnits = series.opening.mrr;
  let openingCustomers = series.opening.customers;
  let closingUnits = 0;
  let closingCustomers = 0;
  return periods.map((period, p) => {
    const movementUnits = Object.fromEntries(movementTypes.map((type) => [type, series.movement[type][p]?.units ?? 0])) as Record<MovementType, number>;
    const movementCustomers = Object.fromEntries(movementTypes.map((type) => [type, series.movement[type][p]?.customers ?? 0])) as Record<MovementType, number>;
    closingUnits += series.closingUnits[p] ?? 0;
    closingCustomers += series.closingCustomers[p] ?? 0;
    const lost = 0 - (movementUnits.churn + movementUnits.contraction); // 0 - x: never -0
    const gained = movementUnits.expansion + movementUnits.reactivation;
    const renewals = series.renewals[p] ?? { due: 0, renewed: 0 };
    const trials = series.trials[p] ?? { started: 0, converted: 0 };
    const result: MrrPeriod = {
      from: period.from,
      to: period.to,
      openingMrr: openingUnits / units,
      movements: Object.fromEntries(movementTypes.map((type) => [type, movementUnits[type] / units])) as Record<MovementType, number>,
      movementCustomers,
      closingMrr: closingUnits / units,
      arr: (closingUnits * 12) / units,
      openingCustomers,
      closingCustomers,
      arpa: closingCustomers === 0 ? null : closingUnits / units / closingCustomers,
      customerChurnRate: ratio(movementCustomers.churn, openingCustomers),
      grossMrrChurnRate: ratio(lost, openingUnits),
      netMrrChurnRate: ratio(lost - gained, openingUnits),
      renewals: { ...renewals, rate: ratio(renewals.renewed, renewals.due) },
      trials: { ...trials, conversionRate: ratio(trials.converted, trials.started) },
    };
    openingUnits = closingUnits;
    openingCustomers = closingCustomers;
    return result;
  });
}
