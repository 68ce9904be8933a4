/**
 * The MRR facts: every customer's subscriptions replayed once and kept, so that an MRR report adds up
 * rows in the store instead of replaying the whole subscription history each time it runs.
 *
 * A derived table (`derived_mrr_facts`) holds, for each customer, what the replay gives
 * (subscription-timeline.ts, mrr-movements.ts) with every event known so far:
 *
 * - their MRR movements (new, expansion, ...), overall, and in each plan and each kind of subscription
 *   for a customer on several, each marked with whether it is the customer's first of its type in its
 *   day, week and month (what a report counts customers by);
 * - their MRR spans (for closing MRR, counted apart), renewals due, trials;
 * - their waits: the days on which a period had run out and its renewal was still awaited.
 *
 * Why this is exact for a report ending on any day: the replay of the events up to that day differs from
 * the replay of every event only for a subscription that is waiting for its renewal on that day (the
 * later events decide whether it was renewed late or ended the day it ran out), and in which customer an
 * anonymous event counts (its link may come later). So a report takes the facts of every customer except
 * those (the waits say who they are, and anonymous events are left out of the facts), and replays those
 * few from their events as of the day (mrr-report.ts).
 *
 * How it stays up to date: like any derived table, import by import. A refresh replays only the customers
 * with subscription events in the imports since the last one (or in imports still running then), replaces
 * their rows, and notes the grace days and the cancellation rule it ran with: other settings rebuild it.
 */
import type { TenureConfig } from '../config/config-schema.js';
import { civilFromDays } from '../domain/civil-date.js';
import { forDialect } from '../store/migrations/dialect.js';
import { withBatchWriter } from '../store/write-batches.js';
import type { Store } from '../store/store.js';
import { columnDefinitions, type ColumnData, type TableColumn } from '../store/table-columns.js';
import { refreshDerivedTable } from '../store/derived-tables.js';
import { movementTypes, mrrMovements, spansBy } from './mrr-movements.js';
import { planNames, readSubscriptionEvents, type CustomerSubscriptions } from './subscription-events.js';
import { subscriptionEventsTable } from './subscription-events-table.js';
import { subscriptionTimeline, type MrrSpan, type TimelineRules } from './subscription-timeline.js';

export const mrrFactsTable = 'derived_mrr_facts';

/** Bump when the facts or their meaning change: the table is then rebuilt. */
const factsVersion = 2;

/** What a row is; `group_no`, `kind`, `day`, `until_day`, `code`, `firsts` and `amount` mean what the kind says. */
export const mrrFact = {
  /**
   * A movement of the customer's MRR: `day`, `code` its type (index in movementTypes), `amount` its
   * units, `firsts`. When all the customer's subscriptions are on one plan, their movements in the plan
   * are these, and `group_no` is the plan (else `mixed`); likewise `kind` for the kind of subscription.
   */
  movement: 0,
  /** A movement in one plan (`group_no`: the plan's number, -1 for none), for a customer on several plans. */
  planMovement: 1,
  /** A movement in one kind of subscription (`group_no`: 1 product, 0 service), for a customer with both kinds. */
  kindMovement: 2,
  /** MRR `amount` on the plan `group_no` and kind `kind` from `day` to the day before `until_day`. */
  span: 3,
  /** A paid period of the plan `group_no` and kind `kind` that ran out on `day`; `code` 1 if renewed in time. */
  renewalDue: 4,
  /** A trial on the plan `group_no` and kind `kind` from `day`, paid from `until_day` (never: `openEnd`). */
  trial: 5,
  /** Waiting for a renewal from `day` to the day before `until_day`. */
  wait: 6,
} as const;

/** The bits of `firsts`: the movement is the customer's first of its type in its day, its week (Monday to Sunday), its month. */
export const firstIn = { day: 1, week: 2, month: 4 } as const;

/** The `group_no` or `kind` of a movement of a customer on several plans, or with both kinds. */
export const mixed = -2;

/** The day after every day: the replay of every event known, with no range end to wait at. */
export const openEnd = 2_147_483_646;

export const mrrFactColumns: readonly TableColumn[] = [
  { name: 'customer_no', type: 'integer' },
  { name: 'fact', type: 'integer' },
  { name: 'group_no', type: 'integer' },
  { name: 'kind', type: 'integer' },
  { name: 'day', type: 'integer' },
  { name: 'until_day', type: 'integer' },
  { name: 'code', type: 'integer' },
  { name: 'firsts', type: 'integer' },
  { name: 'amount', type: 'double' },
];

export type FactRules = Pick<TimelineRules, 'graceDays' | 'accessAfterCancel'>;

export const factRules = (config: TenureConfig): FactRules => ({
  graceDays: config.subscriptions.graceDays,
  accessAfterCancel: config.subscriptions.accessAfterCancel,
});

/**
 * Rows of facts column by column, one buffer per kind of fact, each written when it holds two of
 * DuckDB's row groups: so the table's row groups hold one kind of fact each, and a report that reads
 * some kinds skips the others' row groups by their min-max (and groups rows that arrive together).
 * Typed arrays, since a million customers make some fourteen million rows.
 */
/** Two of DuckDB's row groups (122,880 rows each). */
const batchRows = 245_760;
/** A buffer's first size: it doubles as it fills (most refreshes after an import write a few rows). */
const initialRows = 8_192;

class FactRows {
  readonly #buffers = Object.values(mrrFact).map(() => new FactBuffer(initialRows));

  add(customerNo: number, fact: number, groupNo: number, kind: number, day: number, untilDay: number, code: number, firsts: number, amount: number): void {
    const buffer = this.#buffers[fact];
    if (!buffer) throw new Error(`no fact ${fact}`);
    buffer.add(customerNo, fact, groupNo, kind, day, untilDay, code, firsts, amount);
  }

  /** Whether a buffer holds at least `rows` rows. */
  holds(rows: number): boolean {
    return this.#buffers.some((buffer) => buffer.length >= rows);
  }

  /** Takes out the columns of the buffers holding at least `rows` rows (every non-empty one with 1). */
  take(rows: number): ColumnData[][] {
    const full: ColumnData[][] = [];
    this.#buffers.forEach((buffer, fact) => {
      if (buffer.length < rows || buffer.length === 0) return;
      full.push(buffer.columns());
      this.#buffers[fact] = new FactBuffer(initialRows);
    });
    return full;
  }
}

class FactBuffer {
  length = 0;
  #integers: Int32Array[];
  #amounts: Float64Array;

  constructor(private capacity: number) {
    this.#integers = Array.from({ length: mrrFactColumns.length - 1 }, () => new Int32Array(capacity));
    this.#amounts = new Float64Array(capacity);
  }

  add(customerNo: number, fact: number, groupNo: number, kind: number, day: number, untilDay: number, code: number, firsts: number, amount: number): void {
    if (this.length === this.capacity) this.#grow();
    const at = this.length++;
    const c = this.#integers;
    c[0]![at] = customerNo;
    c[1]![at] = fact;
    c[2]![at] = groupNo;
    c[3]![at] = kind;
    c[4]![at] = day;
    c[5]![at] = untilDay;
    c[6]![at] = code;
    c[7]![at] = firsts;
    this.#amounts[at] = amount;
  }

  /** The rows so far, a column each (views on the buffers). */
  columns(): ColumnData[] {
    return [...this.#integers.map((column) => column.subarray(0, this.length)), this.#amounts.subarray(0, this.length)];
  }

  #grow(): void {
    this.capacity *= 2;
    this.#integers = this.#integers.map((column) => {
      const bigger = new Int32Array(this.capacity);
      bigger.set(column);
      return bigger;
    });
    const amounts = new Float64Array(this.capacity);
    amounts.set(this.#amounts);
    this.#amounts = amounts;
  }
}

/** Replays one customer's subscriptions with every event known and adds their facts. */
function addCustomerFacts(rows: FactRows, customer: CustomerSubscriptions, rules: FactRules, planNo: (plan: string) => number): void {
  const no = customer.customerNo;
  const spans: MrrSpan[] = [];
  const timelineRules = { ...rules, lastDay: openEnd };
  for (const events of customer.subscriptions) {
    const timeline = subscriptionTimeline(events, timelineRules);
    for (const span of timeline.spans) {
      spans.push(span);
      rows.add(no, mrrFact.span, planNo(span.plan), kindNo(span.subscriptionKind), span.from, span.to ?? openEnd, 0, 0, span.mrr);
    }
    for (const due of timeline.renewalsDue) rows.add(no, mrrFact.renewalDue, planNo(due.plan), kindNo(due.subscriptionKind), due.day, 0, due.renewed ? 1 : 0, 0, 0);
    for (const trial of timeline.trials) rows.add(no, mrrFact.trial, planNo(trial.plan), kindNo(trial.subscriptionKind), trial.started, trial.converted ?? openEnd, 0, 0, 0);
    for (const wait of timeline.waits) rows.add(no, mrrFact.wait, -1, 0, wait.from, wait.until, 0, 0, 0);
  }
  // Most customers keep to one plan and one kind: their movements there are their movements overall,
  // written once and marked with the plan and kind.
  const plans = spansBy(spans, (span) => span.plan);
  const kinds = spansBy(spans, (span) => span.subscriptionKind);
  const [onlyPlan] = plans.size === 1 ? plans.keys() : [];
  const [onlyKind] = kinds.size === 1 ? kinds.keys() : [];
  addMovements(rows, no, mrrFact.movement, onlyPlan === undefined ? mixed : planNo(onlyPlan), onlyKind === undefined ? mixed : kindNo(onlyKind), spans);
  if (onlyPlan === undefined) for (const [plan, planSpans] of plans) addMovements(rows, no, mrrFact.planMovement, planNo(plan), 0, planSpans);
  if (onlyKind === undefined) for (const [kind, kindSpans] of kinds) addMovements(rows, no, mrrFact.kindMovement, kindNo(kind), 0, kindSpans);
}

const kindNo = (kind: 'product' | 'service'): number => (kind === 'product' ? 1 : 0);

/** Monday-to-Sunday weeks: day 0 (1970-01-01) was a Thursday, so day -3 was a Monday. */
const weekOf = (day: number): number => Math.floor((day + 3) / 7);
const monthOf = (day: number): number => {
  const date = civilFromDays(day);
  return date.year * 12 + date.month - 1;
};

function addMovements(rows: FactRows, no: number, fact: number, groupNo: number, kind: number, spans: readonly MrrSpan[]): void {
  const lastWeek = new Array<number>(movementTypes.length).fill(Number.NaN);
  const lastMonth = new Array<number>(movementTypes.length).fill(Number.NaN);
  for (const movement of mrrMovements(spans)) {
    const type = movementTypes.indexOf(movement.type);
    const week = weekOf(movement.day);
    const month = monthOf(movement.day);
    // Movements are per day, so each is the first of its type in its day.
    let firsts: number = firstIn.day;
    if (lastWeek[type] !== week) firsts |= firstIn.week;
    if (lastMonth[type] !== month) firsts |= firstIn.month;
    lastWeek[type] = week;
    lastMonth[type] = month;
    rows.add(no, fact, groupNo, kind, movement.day, 0, type, firsts, movement.delta);
  }
}

type Bookkeeping = { version: number; through_import: number; open_imports: string; parameters: string | null };

async function bookkeeping(store: Store, name: string): Promise<Bookkeeping | undefined> {
  const [row] = await store.query<Bookkeeping>('SELECT version, through_import, open_imports, parameters FROM derived_tables WHERE name = $1', [name]);
  return row;
}

/** Refreshes run one at a time per store (a DuckDB store is one process's, and its refreshes would race). */
const running = new WeakMap<Store, Promise<unknown>>();

/**
 * Brings the MRR facts up to date with the event log under `rules` (bringing the derived table of
 * subscription events up to date first). On an unchanged store this is a few small queries.
 */
export async function refreshMrrFacts(store: Store, rules: FactRules): Promise<void> {
  const previous = running.get(store) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => refresh(store, rules));
  running.set(store, next);
  await next;
}

async function refresh(store: Store, rules: FactRules): Promise<void> {
  await refreshDerivedTable(store, subscriptionEventsTable);
  const source = await bookkeeping(store, subscriptionEventsTable.name);
  if (!source) throw new Error(`${subscriptionEventsTable.name} has no bookkeeping after its refresh`);
  const parameters = JSON.stringify({ graceDays: rules.graceDays, accessAfterCancel: rules.accessAfterCancel });
  const kept = await bookkeeping(store, mrrFactsTable);
  const current = kept !== undefined && Number(kept.version) === factsVersion && (kept.parameters ?? '') === parameters;
  const reopened = current ? (JSON.parse(kept.open_imports) as number[]) : [];
  const through = current ? Number(kept.through_import) : -1;
  const sourceThrough = Number(source.through_import);
  if (current && through === sourceThrough && reopened.length === 0) return;

  // The customers with subscription events the facts have not seen, or may not have seen in full.
  // Ids are numbers from the store, written out as integers: nothing from outside reaches this SQL.
  const again = reopened.map((id) => String(Math.trunc(id))).join(', ');
  const changed = `SELECT DISTINCT customer_no FROM ${subscriptionEventsTable.name}
    WHERE customer_no IS NOT NULL AND (import_id > ${Math.trunc(through)}${again ? ` OR import_id IN (${again})` : ''})`;
  const plans = await planNames(store);
  const planNumbers = new Map<string, number>();
  plans.forEach((plan, no) => planNumbers.set(plan, no)); // a sparse list: the dictionary numbers from 1
  const planNo = (plan: string) => planNumbers.get(plan) ?? -1;

  await withBatchWriter(store, async (writer) => {
    if (store.dialect === 'postgres') await writer.run('LOCK TABLE derived_tables IN EXCLUSIVE MODE');
    if (current) {
      await writer.run(`DELETE FROM ${mrrFactsTable} WHERE customer_no IN (${changed})`);
    } else {
      await writer.run(`DROP TABLE IF EXISTS ${mrrFactsTable}`);
      await writer.run(forDialect(`CREATE TABLE ${mrrFactsTable} (${columnDefinitions(mrrFactColumns, { notNull: true })})`, store.dialect));
    }
    const rows = new FactRows();
    // One write at a time: the writer's appends (a COPY, on PostgreSQL) must not overlap.
    let writing = Promise.resolve();
    const flush = (atLeast: number) =>
      (writing = writing.then(async () => {
        for (const columns of rows.take(atLeast)) await writer.append(mrrFactsTable, mrrFactColumns, columns);
      }));
    await readSubscriptionEvents(store, { through: null, only: current ? { customers: changed, linked: false } : undefined }, (customer) => {
      addCustomerFacts(rows, customer, rules, planNo);
      return rows.holds(batchRows) ? flush(batchRows) : undefined;
    });
    await flush(1);
    await writer.run('DELETE FROM derived_tables WHERE name = $1', [mrrFactsTable]);
    await writer.run('INSERT INTO derived_tables (name, version, through_import, open_imports, refreshed_at, parameters) VALUES ($1, $2, $3, $4, now(), $5)', [
      mrrFactsTable, factsVersion, sourceThrough, source.open_imports, parameters,
    ]);
  });
}
