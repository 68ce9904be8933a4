/**
 * MRR and its movements by day, week or month, overall and by plan or by kind of subscription, with the
 * figures a finance lead reads beside them: ARR, paying customers, ARPA, customer churn rate, gross and
 * net MRR churn rate, renewal rate and trial conversion. docs/subscriptions.md defines each.
 *
 * Two grouped scans of the MRR facts (mrr-facts.ts: each customer's replay, kept and brought up to date
 * import by import) give everyone's figures by day, which are added into the periods; the few customers
 * the facts cannot answer for as of the range's last day are replayed from their events
 * (subscription-events.ts, subscription-timeline.ts, mrr-movements.ts) and added the same way. Opening
 * MRR is what the movements before the range add up to; closing MRR is counted separately, from the
 * spans live on the period's last day, so `opening + movements = closing` is a check, not a definition.
 */
import { hasAnonymousEvents, linksSql } from '../analytics/resolved-events.js';
import { endOfDayTimestamp } from '../analytics/time-unit.js';
import type { TenureConfig } from '../config/config-schema.js';
import { checkRange, dayNumber, PeriodIndex, periodKey, periodSpans, type Grain, type PeriodSpan } from '../lifecycle/periods.js';
import { dictionaryTable, refreshDerivedTable } from '../store/derived-tables.js';
import { reportingCurrency } from '../store/settings.js';
import type { Store } from '../store/store.js';
import { withTempTable } from '../store/temp-table.js';
import { factRules, firstIn, mixed, mrrFact, mrrFactsTable, refreshMrrFacts } from './mrr-facts.js';
import { movementTypes, mrrMovements, spansBy, type MovementType } from './mrr-movements.js';
import { planNames, readSubscriptionEvents, type CustomerSubscriptions, type SubscriptionEventsScope } from './subscription-events.js';
import { subscriptionEventsTable } from './subscription-events-table.js';
import { moneyUnits as units, subscriptionTimeline, type MrrSpan, type TimelineRules } from './subscription-timeline.js';

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
  /**
   * Replay every customer's subscriptions from their events rather than read the MRR facts: the same
   * figures, slower; what the facts are tested against.
   */
  replayAll?: boolean;
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
  const rules = { ...factRules(options.config), lastDay };
  const overall = new Series(periods.length);
  const groups = new Map<string, Series>();
  const by = options.by ?? null;
  const groupSeries = (group: string) => seriesOf(groups, group, periods.length);

  const replay = (only: SubscriptionEventsScope['only']) =>
    readSubscriptionEvents(store, { through: options.to, only }, (customer) => addReplayed(customer, rules, index, overall, by === null ? null : groupSeries, by));
  if (options.replayAll) {
    await refreshDerivedTable(store, subscriptionEventsTable);
    await replay(undefined);
  } else {
    await refreshMrrFacts(store, rules);
    const plans = await planNames(store);
    const groupName = (no: number) => (by === 'plan' ? (plans[no] ?? 'unknown') : no === 1 ? 'product' : 'service');
    const { sql, params } = await exactCustomersSql(store, options.to);
    await withTempTable(store, exactTable, sql, params, async () => {
      await addFacts(store, { index, periods, grain: options.grain, by, overall, groupSeries, groupName });
      // The customers the facts cannot answer for as of the range's end, replayed from their events.
      await replay({ customers: `SELECT customer_no FROM ${exactTable}`, linked: true });
    });
  }

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

const exactTable = 'tenure_mrr_exact';

/**
 * The customers whose MRR facts may differ from their history as of the end of `through` (mrr-facts.ts
 * says why): those waiting for a renewal on that day, and those with an anonymous subscription event
 * linked to them by then (the facts leave anonymous events out).
 */
async function exactCustomersSql(store: Store, through: string): Promise<{ sql: string; params: string[] }> {
  const day = Math.trunc(dayNumber(through));
  const waiting = `SELECT customer_no FROM ${mrrFactsTable} WHERE fact = ${mrrFact.wait} AND day <= ${day} AND until_day > ${day}`;
  if (!(await hasAnonymousEvents(store))) return { sql: waiting, params: [] };
  const end = endOfDayTimestamp(through);
  return {
    sql: `WITH ${linksSql(store.dialect)}
      ${waiting}
      UNION
      SELECT c.no FROM links l JOIN ${dictionaryTable(subscriptionEventsTable, 'customers')} c ON c.key = l.customer_id
      WHERE EXISTS (SELECT 1 FROM ${subscriptionEventsTable.name} d WHERE d.customer_no IS NULL AND d.anonymous_id = l.anonymous_id AND d.occurred_at < CAST($1 AS TIMESTAMP))`,
    params: [end],
  };
}

interface FactsTarget {
  index: PeriodIndex;
  periods: readonly PeriodSpan[];
  grain: Grain;
  by: Grouping | null;
  overall: Series;
  groupSeries: (group: string) => Series;
  groupName: (no: number) => string;
}

/**
 * Adds the MRR facts of every customer but the exact ones into the series. Two grouped scans sum the
 * facts by day (days before the range as one, days after it as one), and the days become periods here:
 * what addReplayed counts per customer, summed. Customers behind a movement are counted by its mark of
 * being the customer's first of its type in its day, week or month; closing MRR takes a span's MRR from
 * the period it starts in and gives it back from the period it ends in.
 */
async function addFacts(store: Store, target: FactsTarget): Promise<void> {
  const { index, periods, by, overall } = target;
  const n = periods.length;
  const first = index.first;
  const last = index.lastDays[n - 1] ?? first;
  const bit = firstIn[target.grain];
  const movementFacts = [mrrFact.movement, ...(by === 'plan' ? [mrrFact.planMovement] : by === 'kind' ? [mrrFact.kindMovement] : [])];
  // The exact customers are few; NOT IN over them is an anti-join that DuckDB and PostgreSQL both hash.
  const notExact = `customer_no NOT IN (SELECT customer_no FROM ${exactTable})`;
  const rows = await store.query<FactSums>(
    `SELECT fact, group_no, kind, code, CASE WHEN day < ${first} THEN ${first - 1} ELSE day END AS day,
       sum(amount) AS units, count(*) AS n, sum(CASE WHEN (firsts & ${bit}) <> 0 THEN 1 ELSE 0 END) AS firsts,
       sum(CASE WHEN until_day <= ${last} THEN 1 ELSE 0 END) AS before_end
     FROM ${mrrFactsTable}
     WHERE day <= ${last} AND (
         fact IN (${movementFacts.join(', ')})
         OR (fact = ${mrrFact.span} AND until_day > ${first})
         OR (fact IN (${mrrFact.renewalDue}, ${mrrFact.trial}) AND day >= ${first}))
       AND ${notExact}
     GROUP BY 1, 2, 3, 4, 5`,
  );
  const spanEnds = await store.query<{ group_no: number; kind: number; day: number; units: number }>(
    `SELECT group_no, kind, CASE WHEN until_day > ${last} THEN ${last + 1} ELSE until_day END AS day, sum(amount) AS units
     FROM ${mrrFactsTable}
     WHERE fact = ${mrrFact.span} AND day <= ${last} AND until_day > ${first} AND ${notExact}
     GROUP BY 1, 2, 3`,
  );
  // A first period cut short by the range (from the 15th of a month, say) counts a customer's first
  // movement of a type within the range, not within the whole month.
  const cut = periods[0] !== undefined && target.grain !== 'day' && periodKey(periods[0].from, target.grain) !== periods[0].from;
  const firstPeriodCustomers: { fact: number; group_no: number; kind: number; code: number; customers: number }[] = [];
  if (cut) {
    const firstEnd = index.lastDays[0] ?? first;
    firstPeriodCustomers.push(
      ...(await store.query<(typeof firstPeriodCustomers)[number]>(
        `SELECT fact, group_no, kind, code, count(DISTINCT customer_no) AS customers FROM ${mrrFactsTable}
         WHERE fact IN (${movementFacts.join(', ')}) AND day >= ${first} AND day <= ${firstEnd} AND ${notExact}
         GROUP BY 1, 2, 3, 4`,
      )),
    );
  }
  const clamp = (p: number) => Math.max(0, Math.min(n, p));
  const groupsOf = (groupNo: number, kind: number) => (by === null ? [overall] : [overall, target.groupSeries(target.groupName(by === 'plan' ? groupNo : kind))]);
  // A movement overall counts in the customer's one plan (or kind) too, unless they are on several; their
  // movements in each are rows of their own.
  const movementSeries = (fact: number, groupNo: number, kind: number): Series[] => {
    if (fact !== mrrFact.movement) return [target.groupSeries(target.groupName(groupNo))];
    const group = by === 'plan' ? groupNo : by === 'kind' ? kind : mixed;
    return group === mixed ? [overall] : [overall, target.groupSeries(target.groupName(group))];
  };
  for (const row of rows) {
    const fact = Number(row.fact);
    const groupNo = Number(row.group_no);
    const code = Number(row.code);
    const p = index.of(Number(row.day));
    const units = Number(row.units);
    const count = Number(row.n);
    if (fact === mrrFact.movement || fact === mrrFact.planMovement || fact === mrrFact.kindMovement) {
      const type = movementTypes[code];
      if (type === undefined) continue;
      const paying = type === 'new' || type === 'reactivation' ? count : type === 'churn' ? -count : 0;
      for (const series of movementSeries(fact, groupNo, Number(row.kind))) {
        series.closingCustomers[clamp(p)] = (series.closingCustomers[clamp(p)] ?? 0) + paying;
        if (p < 0) {
          series.opening.mrr += units;
          series.opening.customers += paying;
          continue;
        }
        const bucket = series.movement[type][p];
        if (!bucket) continue;
        bucket.units += units;
        bucket.customers += p === 0 && cut ? 0 : Number(row.firsts);
      }
      continue;
    }
    for (const series of groupsOf(groupNo, Number(row.kind))) {
      if (fact === mrrFact.span) {
        series.closingUnits[clamp(p)] = (series.closingUnits[clamp(p)] ?? 0) + units;
      } else if (fact === mrrFact.renewalDue) {
        const bucket = series.renewals[p];
        if (!bucket) continue;
        bucket.due += count;
        if (code === 1) bucket.renewed += count;
      } else if (fact === mrrFact.trial) {
        const bucket = series.trials[p];
        if (!bucket) continue;
        bucket.started += count;
        bucket.converted += Number(row.before_end);
      }
    }
  }
  for (const row of spanEnds) {
    const p = clamp(index.of(Number(row.day)));
    for (const series of groupsOf(Number(row.group_no), Number(row.kind))) series.closingUnits[p] = (series.closingUnits[p] ?? 0) - Number(row.units);
  }
  for (const row of firstPeriodCustomers) {
    const type = movementTypes[Number(row.code)];
    if (type === undefined) continue;
    for (const series of movementSeries(Number(row.fact), Number(row.group_no), Number(row.kind))) {
      const bucket = series.movement[type][0];
      if (bucket) bucket.customers += Number(row.customers);
    }
  }
}

type FactSums = { fact: number; group_no: number; kind: number; code: number; day: number; units: number; n: number; firsts: number; before_end: number };

/** Replays one customer's subscriptions as of the range's end and adds them into the series. */
function addReplayed(customer: CustomerSubscriptions, rules: TimelineRules, index: PeriodIndex, overall: Series, groupSeries: ((group: string) => Series) | null, by: Grouping | null): void {
  const periodCount = index.lastDays.length;
  const spans: MrrSpan[] = [];
  for (const events of customer.subscriptions) {
    const timeline = subscriptionTimeline(events, rules);
    spans.push(...timeline.spans);
    for (const due of timeline.renewalsDue) {
      const p = index.of(due.day);
      if (p < 0 || p >= periodCount) continue;
      for (const series of seriesFor(overall, groupSeries, by, due)) {
        const bucket = series.renewals[p];
        if (!bucket) continue;
        bucket.due++;
        if (due.renewed) bucket.renewed++;
      }
    }
    for (const trial of timeline.trials) {
      const p = index.of(trial.started);
      if (p < 0 || p >= periodCount) continue;
      for (const series of seriesFor(overall, groupSeries, by, trial)) {
        const bucket = series.trials[p];
        if (!bucket) continue;
        bucket.started++;
        if (trial.converted !== null) bucket.converted++;
      }
    }
  }
  addCustomer(overall, spans, index);
  if (groupSeries !== null && by !== null) {
    for (const [group, groupSpans] of spansBy(spans, (span) => (by === 'plan' ? span.plan : span.subscriptionKind))) addCustomer(groupSeries(group), groupSpans, index);
  }
}

/** Everyone's series, and the group's of a renewal due or a trial (its plan, or its kind). */
function seriesFor(overall: Series, groupSeries: ((group: string) => Series) | null, by: Grouping | null, of: { plan: string; subscriptionKind: string }): Series[] {
  if (groupSeries === null || by === null) return [overall];
  return [overall, groupSeries(by === 'plan' ? of.plan : of.subscriptionKind)];
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
