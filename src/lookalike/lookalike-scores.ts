/**
 * Lookalike scores for prospects as of a date (docs/lookalikes.md): how much each prospect (reach or
 * acquisition stage: no order, no subscription) looks like the high-value customers did before their
 * first order, with the attribute values that drive it.
 *
 * The steps: everyone's facts (withFacts, as `tenure customers`), then everyone's attributes before their
 * first order in temp tables (lookalike-sql.ts), the compact counts of each attribute value by group,
 * the naive Bayes fit on those counts (naive-bayes.ts), and two streamed passes over the prospects: the
 * first gathers every prospect's logit for the percentiles, the second scores and explains each one.
 * Memory holds the counts, one double per prospect and the `limit` best, never all prospects' rows.
 */
import { hasAnonymousEvents } from '../analytics/resolved-events.js';
import { endOfDay } from '../analytics/time-unit.js';
import type { TenureConfig } from '../config/config-schema.js';
import { withFacts } from '../lifecycle/classify-customers.js';
import { UnknownCustomerError } from '../lifecycle/unknown-customer-error.js';
import { readBatches, type RowValues } from '../store/read-batches.js';
import type { SqlValue, Store } from '../store/store.js';
import { withTempTable } from '../store/temp-table.js';
import { bandLabel, behaviourAttributes, behaviourValue, traitUse, type TraitUse } from './attributes.js';
import {
  firstOrdersSql,
  firstOrdersTable,
  group,
  peopleSql,
  peopleTable,
  prospectsOrder,
  prospectsSql,
  traitSeparator,
  traitsSql,
  traitStatsSql,
  traitsTable,
  valueCountsSql,
  valueSeparator,
} from './lookalike-sql.js';
import { driversOf, fitLookalike, logitOf, percentileOf, probabilityOf, type AttributeValue, type Driver, type LookalikeModel, type ValueCount } from './naive-bayes.js';

/** Fewer customers than this in either group and there is no model to score with. */
export const minHighValueCustomers = 5;
export const minOtherCustomers = 5;

export interface ProspectScore {
  customer_id: string;
  anonymous: boolean;
  stage: 'reach' | 'acquisition';
  /** The posterior probability of turning out high value, 0 to 1. */
  score: number;
  /** Among the prospects, 0 to 100: the share of the others scoring lower. */
  percentile: number;
  /** The largest positive, then negative, contributions. */
  drivers: Driver[];
}

export interface LookalikeSummary {
  asOf: string;
  highValueCustomers: number;
  /** Customers who have ordered and are not high value. */
  otherCustomers: number;
  /** Prospects scored (or, without a model, that would be). */
  prospects: number;
  /** The median average order value the high-value rule compared with. */
  medianAverageOrderValue: number | null;
  /** Why there are no scores (too few customers in a group); null when there are. */
  notScored: string | null;
  /** The fewest customers an attribute value needs to be weighted (rarer values weigh nothing); null without a model. */
  minValueCustomers: number | null;
  /** Every attribute value seen among customers, largest lift first. */
  attributes: AttributeValue[];
  /** How each identify trait was used (categories, numeric bands, or ignored and why). */
  traits: TraitUse[];
}

export interface LookalikeResult extends LookalikeSummary {
  /** The `limit` best prospects, best first. */
  scores: ProspectScore[];
  /** Seconds: facts, attributes (people and traits tables), fitting (counts and model), scoring. */
  timings: { facts: number; attributes: number; fit: number; score: number };
}

export interface LookalikeOptions {
  asOf: string;
  config: TenureConfig;
  /** How many of the best prospects `scores` holds; default 20. */
  limit?: number;
  /** Prospects per batch handed to `onBatch`; default 2,048. */
  batchSize?: number;
  /** Called with the fitted model's summary before the first batch (to stream it ahead of the scores). */
  onSummary?: (summary: LookalikeSummary) => void | Promise<void>;
}

/** The display name of a trait attribute: its key, unless a behavioural attribute has that name. */
const behaviourNames = new Set(behaviourAttributes.map((a) => a.name));
const traitAttribute = (key: string) => (behaviourNames.has(key) ? `trait ${key}` : key);

interface Session {
  summary: LookalikeSummary;
  model: LookalikeModel | null;
  uses: TraitUse[];
  timings: { facts: number; attributes: number; fit: number };
}

/** The model as of the date, then `work` with the people and traits tables still there. */
async function withModel<T>(store: Store, options: LookalikeOptions, work: (session: Session) => Promise<T>): Promise<T> {
  const { asOf, config } = options;
  endOfDay(asOf); // a bad date fails here, before any work
  const anonymous = await hasAnonymousEvents(store);
  return withFacts(store, asOf, config, async ({ figures, timings: factsTimings }) => {
    const started = performance.now();
    const median = figures.medianAverageOrderValue;
    const people = peopleSql({ asOf, config, dialect: store.dialect, anonymous, medianAverageOrderValue: median });
    const traits = traitsSql({ asOf, dialect: store.dialect, anonymous });
    const firstOrders = firstOrdersSql({ asOf, dialect: store.dialect, anonymous });
    const tables: [string, { sql: string; params: SqlValue[] }][] = [[firstOrdersTable, firstOrders], [peopleTable, people], [traitsTable, traits]];
    return withTempTables(store, tables, async () => {
      const attributesSeconds = (performance.now() - started) / 1000;
      const fitStarted = performance.now();
      const groups = await store.query<{ grp: number; n: number }>(`SELECT grp, CAST(count(*) AS INTEGER) AS n FROM ${peopleTable} GROUP BY grp`);
      const size = (g: number) => Number(groups.find((row) => Number(row.grp) === g)?.n ?? 0);
      const high = size(group.high);
      const others = size(group.others);
      const prospects = size(group.prospect);
      const stats = await store.query<{ trait: string; distinct_values: number; people: number; numeric: number; q1: number | null; q2: number | null; q3: number | null }>(
        traitStatsSql(store.dialect),
      );
      const uses = stats.map((s) =>
        traitUse({
          key: s.trait,
          distinctValues: Number(s.distinct_values),
          people: Number(s.people),
          numeric: Number(s.numeric) === 1,
          quantiles: [s.q1, s.q2, s.q3].map((q) => (q === null ? null : Number(q))),
        }),
      );
      const notScored =
        high < minHighValueCustomers
          ? `lookalike scores need at least ${minHighValueCustomers} high-value customers as of ${asOf}; there ${high === 1 ? 'is' : 'are'} ${high}`
          : others < minOtherCustomers
            ? `lookalike scores need at least ${minOtherCustomers} customers who have ordered and are not high value, to compare with, as of ${asOf}; there ${others === 1 ? 'is' : 'are'} ${others}`
            : null;
      let model: LookalikeModel | null = null;
      if (notScored === null) {
        const counts = valueCountsSql(uses, store.dialect);
        const rows = await store.query<{ attribute: string; value: string; high: number; others: number; prospects: number }>(counts.sql, counts.params);
        model = fitLookalike(rows.map((row) => labelled(row, uses)), { high, others });
      }
      const summary: LookalikeSummary = {
        asOf,
        highValueCustomers: high,
        otherCustomers: others,
        prospects,
        medianAverageOrderValue: median,
        notScored,
        minValueCustomers: model?.minValueCustomers ?? null,
        attributes: model?.values ?? [],
        traits: uses,
      };
      const timings = { facts: factsTimings.facts + factsTimings.figures, attributes: attributesSeconds, fit: (performance.now() - fitStarted) / 1000 };
      return work({ summary, model, uses, timings });
    });
  });
}

/** Runs `work` with each query's result in its temp table, made in order (a later one may read an earlier one). */
function withTempTables<T>(store: Store, tables: readonly [string, { sql: string; params: SqlValue[] }][], work: () => Promise<T>): Promise<T> {
  const [first, ...rest] = tables;
  if (!first) return work();
  return withTempTable(store, first[0], first[1].sql, first[1].params, () => withTempTables(store, rest, work));
}

/** A value count from SQL with the display names: traits by their key, numeric bands by their range. */
function labelled(row: { attribute: string; value: string; high: number; others: number; prospects: number }, uses: readonly TraitUse[]): ValueCount {
  const counts = { high: Number(row.high), others: Number(row.others), prospects: Number(row.prospects) };
  if (!row.attribute.startsWith('trait:')) return { attribute: row.attribute, value: row.value, ...counts };
  const key = row.attribute.slice('trait:'.length);
  return { attribute: traitAttribute(key), value: traitLabel(key, row.value, uses), ...counts };
}

function traitLabel(key: string, value: string, uses: readonly TraitUse[]): string {
  const use = uses.find((u) => u.key === key);
  return use?.use === 'bands' ? bandLabel(Number(value), use.cuts) : value;
}

/** A prospect row of `prospectsSql` as its attribute values, by display name. */
function prospectAttributes(row: RowValues, uses: readonly TraitUse[]): Map<string, string> {
  const values = new Map<string, string>();
  behaviourAttributes.forEach((attribute, i) => values.set(attribute.name, behaviourValue(attribute, row[3 + i])));
  const packed = row[3 + behaviourAttributes.length] as string | null;
  if (packed) {
    for (const pair of packed.split(traitSeparator)) {
      const at = pair.indexOf(valueSeparator);
      const key = pair.slice(0, at);
      values.set(traitAttribute(key), traitLabel(key, pair.slice(at + 1), uses));
    }
  }
  return values;
}

/**
 * Streams the prospects twice: once for every logit (sorted, for the percentiles), once to score them,
 * handing each batch to `onScored`.
 */
async function scoreProspects(
  store: Store,
  model: LookalikeModel,
  uses: readonly TraitUse[],
  batchSize: number,
  onScored: (scores: ProspectScore[]) => void | Promise<void>,
): Promise<void> {
  const query = prospectsSql(uses, store.dialect);
  const table = 'tenure_lookalike_prospects';
  // The streamed query takes no parameters: the prospects (with their traits labelled) are materialised first.
  await withTempTable(store, table, query.sql, query.params, async () => {
    const read = `SELECT * FROM ${table} ORDER BY ${prospectsOrder(store.dialect)}`;
    const logits: number[] = [];
    await readBatches(store, read, batchSize, async (rows) => {
      for (const row of rows) logits.push(logitOf(model, prospectAttributes(row, uses)));
    });
    const sorted = Float64Array.from(logits).sort();
    await readBatches(store, read, batchSize, async (rows) => {
      const batch = rows.map((row): ProspectScore => {
        const attributes = prospectAttributes(row, uses);
        const logit = logitOf(model, attributes);
        return {
          customer_id: row[0] as string,
          anonymous: row[1] as boolean,
          stage: row[2] as 'reach' | 'acquisition',
          score: probabilityOf(logit),
          percentile: percentileOf(logit, sorted),
          drivers: driversOf(model, attributes),
        };
      });
      await onScored(batch);
    });
  });
}

/** Best first: the higher score, then the smaller id (byte order), a customer before an anonymous prospect. */
export function compareScores(a: ProspectScore, b: ProspectScore): number {
  return b.score - a.score || (a.customer_id < b.customer_id ? -1 : a.customer_id > b.customer_id ? 1 : 0) || Number(a.anonymous) - Number(b.anonymous);
}

/** Keeps `best` the `limit` best scores seen, best first (a binary search for where a better one goes). */
function keepBest(best: ProspectScore[], score: ProspectScore, limit: number): void {
  if (limit === 0 || (best.length >= limit && compareScores(score, best[best.length - 1] as ProspectScore) >= 0)) return;
  let lo = 0;
  let hi = best.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareScores(best[mid] as ProspectScore, score) <= 0) lo = mid + 1;
    else hi = mid;
  }
  best.splice(lo, 0, score);
  if (best.length > limit) best.pop();
}

/**
 * Fits the model as of the date and scores every prospect, handing them to `onBatch` in id order (byte
 * order) as they are scored; `scores` holds the `limit` best. `onBatch` must not query the store.
 */
export async function lookalikeScores(
  store: Store,
  options: LookalikeOptions,
  onBatch?: (scores: ProspectScore[]) => void | Promise<void>,
): Promise<LookalikeResult> {
  const limit = Math.max(0, Math.floor(options.limit ?? 20));
  return withModel(store, options, async ({ summary, model, uses, timings }) => {
    const started = performance.now();
    const best: ProspectScore[] = [];
    await options.onSummary?.(summary);
    if (model) {
      await scoreProspects(store, model, uses, options.batchSize ?? 2048, async (batch) => {
        for (const score of batch) keepBest(best, score, limit);
        if (onBatch) await onBatch(batch);
      });
    }
    return { ...summary, scores: best, timings: { ...timings, score: (performance.now() - started) / 1000 } };
  });
}

export interface LookalikeForResult extends LookalikeSummary {
  customer_id: string;
  /** The prospect's score, or null: not a prospect (`reason` says why) or no model (`notScored`). */
  score: ProspectScore | null;
  reason: string | null;
}

/**
 * One person's lookalike score as of the date, among all the prospects (the model and the percentile
 * need them all). An id that is neither a customer nor a prospect is an UnknownCustomerError.
 */
export async function lookalikeFor(store: Store, options: { customerId: string; asOf: string; config: TenureConfig }): Promise<LookalikeForResult> {
  const { customerId, asOf } = options;
  return withModel(store, options, async ({ summary, model, uses }) => {
    const [person] = await store.query<{ grp: number }>(`SELECT grp FROM ${peopleTable} WHERE customer_id = $1 ORDER BY anonymous LIMIT 1`, [customerId]);
    if (!person) {
      const [known] = await store.query(`SELECT 1 AS known FROM tenure_customer_facts WHERE customer_id = $1 LIMIT 1`, [customerId]);
      if (!known) throw new UnknownCustomerError(`no customer or prospect ${JSON.stringify(customerId)} as of ${asOf}`);
      return { ...summary, customer_id: customerId, score: null, reason: `not a prospect as of ${asOf}: subscribed without ordering` };
    }
    if (Number(person.grp) !== group.prospect) {
      const what = Number(person.grp) === group.high ? 'a high-value customer' : 'a customer';
      return { ...summary, customer_id: customerId, score: null, reason: `not a prospect as of ${asOf}: already ${what} (has ordered)` };
    }
    let score: ProspectScore | null = null;
    if (model) {
      await scoreProspects(store, model, uses, 2048, (batch) => {
        score ??= batch.find((s) => s.customer_id === customerId) ?? null;
      });
    }
    return { ...summary, customer_id: customerId, score, reason: null };
  });
}

/** Everyone the model sees as of the date and their group: for holding the high-value flag to `tenure customers`. */
export async function lookalikeGroups(store: Store, options: { asOf: string; config: TenureConfig }): Promise<{ customer_id: string; anonymous: boolean; group: 'high' | 'others' | 'prospect' }[]> {
  return withModel(store, options, async () => {
    const rows = await store.query<{ customer_id: string; anonymous: boolean; grp: number }>(`SELECT customer_id, anonymous, grp FROM ${peopleTable}`);
    const names = { [group.high]: 'high', [group.others]: 'others', [group.prospect]: 'prospect' } as const;
    return rows.map((r) => ({ customer_id: r.customer_id, anonymous: r.anonymous, group: names[Number(r.grp) as 0 | 1 | 2] }));
  });
}
