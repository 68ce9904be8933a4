/**
 * Stages over time (docs/lifecycle-over-time.md): per day, week or month of a range, the customers in
 * each stage, the entries and exits, the flows between stages (skips and moves back included), the
 * conversion to later stages and the median time in a stage, from every customer's stage transitions
 * (stage-transitions.ts, one pass over the events). The counting is done customer by customer as the
 * transitions are made, into a few arrays per period, so nothing per customer is kept.
 */
import type { TenureConfig } from '../config/config-schema.js';
import type { Store } from '../store/store.js';
import { stages, type Stage } from './classify.js';
import { checkRange, dayAfter, dayNumber, periodSpans, type Grain, type PeriodSpan } from './periods.js';
import { readStageEvents } from './stage-transitions.js';
import { stageTransitions, stageWindows, type StageTransition } from './stage-timeline.js';

export interface StageFigures {
  /** In the stage at the end of the day before the period. */
  customersAtStart: number;
  /** In the stage at the end of the period's last day (as `tenure customers --as-of` that day counts them). */
  customers: number;
  /** Moves into and out of the stage during the period: `customersAtStart + entries - exits = customers`. */
  entries: number;
  exits: number;
  /**
   * Of the customers in the stage at some time in the period, the share that moved on from it to a later
   * stage during the period (null when none was in it; always null for loyalty, the last stage).
   */
  conversion: number | null;
  /** The median length in days of the stays in the stage that ended in the period (null: none ended). */
  medianDaysInStage: number | null;
}

export interface StageFlow {
  /** Null: first seen (a new customer or prospect). */
  from: Stage | null;
  /** Null: a prospect linked to a customer, counted from then on as the customer. */
  to: Stage | null;
  moves: number;
}

export interface StagePeriod {
  /** The period's first and last day within the range (YYYY-MM-DD). */
  from: string;
  to: string;
  stages: Record<Stage, StageFigures>;
  flows: StageFlow[];
}

export interface StageFlows {
  from: string;
  to: string;
  grain: Grain;
  /** The same figures over the whole range. */
  stages: Record<Stage, StageFigures>;
  flows: StageFlow[];
  periods: StagePeriod[];
}

const stageCount = stages.length;
const stageIndex = new Map<Stage, number>(stages.map((s, i) => [s, i]));
const indexOf = (stage: Stage | null): number => (stage === null ? -1 : (stageIndex.get(stage) as number));
/** A flow's cell: (from + 1) * (stages + 1) + (to + 1), with -1 for null. */
const flowCell = (from: number, to: number) => (from + 1) * (stageCount + 1) + (to + 1);

/** The figures of a series of periods, counted one customer's transitions at a time. */
export class StageFlowCounter {
  readonly #periodOfDay: Int32Array;
  readonly #periods: number;
  readonly #initial = new Array<number>(stageCount).fill(0);
  readonly #net: Int32Array;
  readonly #entries: Int32Array;
  readonly #exits: Int32Array;
  readonly #enteredAnew: Int32Array;
  readonly #movedOn: Int32Array;
  readonly #flows: Int32Array;
  /** Per period and stage, the lengths of the stays that ended: length -> count. */
  readonly #stays: Map<number, number>[];

  /** `periodOfDay[d]`: the period of day d of the range (0 is its first day). */
  constructor(periodOfDay: Int32Array, periods: number) {
    this.#periodOfDay = periodOfDay;
    this.#periods = periods;
    const size = periods * stageCount;
    this.#net = new Int32Array(size);
    this.#entries = new Int32Array(size);
    this.#exits = new Int32Array(size);
    this.#enteredAnew = new Int32Array(size);
    this.#movedOn = new Int32Array(size);
    this.#flows = new Int32Array(periods * (stageCount + 1) ** 2);
    this.#stays = Array.from({ length: size }, () => new Map<number, number>());
  }

  /** One customer's transitions, in order of day (those after the range are ignored). */
  add(transitions: readonly StageTransition[]): void {
    const days = this.#periodOfDay.length;
    let stage = -1;
    let since = 0;
    let i = 0;
    for (; i < transitions.length && (transitions[i] as StageTransition).day < 0; i++) {
      const t = transitions[i] as StageTransition;
      stage = indexOf(t.to);
      since = t.day;
    }
    if (stage >= 0) this.#initial[stage] = (this.#initial[stage] ?? 0) + 1;
    let period = -1;
    let startStage = -1;
    let entered = 0; // bits: stages entered in the period, other than the one it started in
    let movedOn = 0; // bits: stages left for a later one in the period
    const flush = () => {
      if (period < 0) return;
      for (let s = 0; s < stageCount; s++) {
        if (entered & (1 << s)) this.#enteredAnew[period * stageCount + s]! += 1;
        if (movedOn & (1 << s)) this.#movedOn[period * stageCount + s]! += 1;
      }
    };
    for (; i < transitions.length; i++) {
      const t = transitions[i] as StageTransition;
      if (t.day >= days) break;
      const p = this.#periodOfDay[t.day] as number;
      if (p !== period) {
        flush();
        period = p;
        startStage = stage;
        entered = 0;
        movedOn = 0;
      }
      const from = indexOf(t.from);
      const to = indexOf(t.to);
      const base = p * stageCount;
      if (from >= 0) {
        this.#exits[base + from]! += 1;
        this.#net[base + from]! -= 1;
        const stays = this.#stays[base + from] as Map<number, number>;
        stays.set(t.day - since, (stays.get(t.day - since) ?? 0) + 1);
        // Forward, or a prospect in reach identifying itself (a link takes an event with both ids: direct contact).
        if (to > from || (t.to === null && from === 0)) movedOn |= 1 << from;
      }
      if (to >= 0) {
        this.#entries[base + to]! += 1;
        this.#net[base + to]! += 1;
        if (to !== startStage) entered |= 1 << to;
      }
      this.#flows[p * (stageCount + 1) ** 2 + flowCell(from, to)]! += 1;
      stage = to;
      since = t.day;
    }
    flush();
  }

  /** The figures of each period. */
  figures(): { stages: Record<Stage, StageFigures>; flows: StageFlow[] }[] {
    const out: { stages: Record<Stage, StageFigures>; flows: StageFlow[] }[] = [];
    const current = [...this.#initial];
    for (let p = 0; p < this.#periods; p++) {
      const figures = {} as Record<Stage, StageFigures>;
      stages.forEach((stage, s) => {
        const k = p * stageCount + s;
        const atStart = current[s] as number;
        const customers = atStart + (this.#net[k] as number);
        const anyTime = atStart + (this.#enteredAnew[k] as number);
        figures[stage] = {
          customersAtStart: atStart,
          customers,
          entries: this.#entries[k] as number,
          exits: this.#exits[k] as number,
          conversion: s === stageCount - 1 || anyTime === 0 ? null : (this.#movedOn[k] as number) / anyTime,
          medianDaysInStage: median(this.#stays[k] as Map<number, number>),
        };
        current[s] = customers;
      });
      const flows: StageFlow[] = [];
      for (let from = -1; from < stageCount; from++) {
        for (let to = -1; to < stageCount; to++) {
          const moves = this.#flows[p * (stageCount + 1) ** 2 + flowCell(from, to)] as number;
          if (moves > 0) flows.push({ from: from < 0 ? null : (stages[from] as Stage), to: to < 0 ? null : (stages[to] as Stage), moves });
        }
      }
      out.push({ stages: figures, flows });
    }
    return out;
  }
}

/** The median of a histogram (value -> count): the middle value, or the mean of the two middle ones. */
function median(histogram: Map<number, number>): number | null {
  let total = 0;
  for (const n of histogram.values()) total += n;
  if (total === 0) return null;
  const values = [...histogram.keys()].sort((a, b) => a - b);
  const valueAt = (rank: number) => {
    let seen = 0;
    for (const v of values) {
      seen += histogram.get(v) as number;
      if (seen > rank) return v;
    }
    return values[values.length - 1] as number;
  };
  return (valueAt(Math.floor((total - 1) / 2)) + valueAt(Math.floor(total / 2))) / 2;
}

/** Stage figures per day, week or month from `from` to `to` (both included), and over the whole range. */
export async function stageFlows(store: Store, options: { from: string; to: string; grain: Grain; config: TenureConfig }): Promise<StageFlows> {
  checkRange(options.from, options.to);
  const spans: PeriodSpan[] = periodSpans(options.from, options.to, options.grain);
  const days = dayNumber(options.to) - dayNumber(options.from) + 1;
  const periodOfDay = new Int32Array(days);
  spans.forEach((span, p) => periodOfDay.fill(p, span.first, span.last + 1));
  const byPeriod = new StageFlowCounter(periodOfDay, spans.length);
  const whole = new StageFlowCounter(new Int32Array(days), 1);
  const windows = stageWindows(options.config);
  await readStageEvents(store, { from: options.from, to: options.to, config: options.config }, (_id, _anonymous, events) => {
    const transitions = stageTransitions(events, windows, days - 1);
    byPeriod.add(transitions);
    whole.add(transitions);
  });
  const [range] = whole.figures();
  return {
    from: options.from,
    to: options.to,
    grain: options.grain,
    stages: (range as { stages: Record<Stage, StageFigures> }).stages,
    flows: (range as { flows: StageFlow[] }).flows,
    periods: byPeriod.figures().map((figures, p) => ({ from: (spans[p] as PeriodSpan).from, to: (spans[p] as PeriodSpan).to, ...figures })),
  };
}

/** One customer's (or unlinked prospect's) stage changes up to and including `asOf`, oldest first. */
export async function stageHistory(
  store: Store,
  options: { customerId: string; anonymous: boolean; asOf: string; config: TenureConfig },
): Promise<{ day: string; from: Stage | null; to: Stage | null }[]> {
  const windows = stageWindows(options.config);
  let transitions: StageTransition[] = [];
  await readStageEvents(store, { from: options.asOf, to: options.asOf, config: options.config, customerId: options.customerId }, (_id, anonymous, events) => {
    if (anonymous === options.anonymous) transitions = stageTransitions(events, windows, 0);
  });
  return transitions.map((t) => ({ day: dayAfter(options.asOf, t.day), from: t.from, to: t.to }));
}
