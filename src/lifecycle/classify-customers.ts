/**
 * Classifies every customer and prospect as of a date, in three steps: the facts of all of them in one
 * grouped scan, materialised (customer-facts.ts); the population's figures from those facts
 * (population-figures.ts); then the facts streamed out in batches and classified in TypeScript
 * (classify.ts), so a million customers never sit in memory at once.
 */
import type { TenureConfig } from '../config/config-schema.js';
import { endOfDay } from '../analytics/time-unit.js';
import { byText } from '../store/sql-dialect.js';
import type { Store } from '../store/store.js';
import { createClassifier, type CustomerClassification } from './classify.js';
import { customerFactsSql, factsSource, type CustomerFacts } from './customer-facts.js';
import { populationFigures, type PopulationFigures } from './population-figures.js';
import { readFacts } from './read-facts.js';
import { withTempTable } from '../store/temp-table.js';

export interface ClassifyCustomersOptions {
  asOf: string;
  config: TenureConfig;
  /** Customers per batch handed to `onBatch` (default 2,048: one DuckDB chunk, so a batch dies young). */
  batchSize?: number;
  /** Hand the customers over in customer id order (byte order on both engines); default true. */
  ordered?: boolean;
}

export interface ClassifyCustomersResult {
  asOf: string;
  customers: number;
  figures: PopulationFigures;
  /** The model fit whose probability alive the at-risk rule used, if any. */
  fitAsOf: string | null;
  /** Seconds: the facts scan, the population figures, streaming and classifying. */
  timings: { facts: number; figures: number; classify: number };
}

export const factsTable = 'tenure_customer_facts';

/**
 * Classifies everyone as of the date, handing the classifications to `onBatch` as they are made. `onBatch`
 * must not query the store: on DuckDB the facts are still streaming out of its connection.
 */
export async function classifyCustomers(
  store: Store,
  options: ClassifyCustomersOptions,
  onBatch: (customers: CustomerClassification[]) => void | Promise<void>,
): Promise<ClassifyCustomersResult> {
  endOfDay(options.asOf); // a bad date fails here, before any work
  return withFacts(store, options.asOf, options.config, async ({ figures, fitAsOf, columns, timings }) => {
    const started = performance.now();
    const classify = createClassifier({ asOf: options.asOf, config: options.config, figures, fitAsOf });
    const order = options.ordered === false ? '' : ` ORDER BY ${byText(store.dialect, 'customer_id')}, anonymous`;
    let customers = 0;
    await readFacts(store, `SELECT * FROM ${factsTable}${order}`, columns, options.batchSize ?? 2048, async (facts) => {
      const batch = facts.map(classify);
      customers += batch.length;
      await onBatch(batch);
    });
    return { asOf: options.asOf, customers, figures, fitAsOf, timings: { ...timings, classify: (performance.now() - started) / 1000 } };
  });
}

interface FactsSession {
  figures: PopulationFigures;
  fitAsOf: string | null;
  columns: readonly (keyof CustomerFacts)[];
  timings: { facts: number; figures: number };
}

/**
 * Runs `work` with every customer's facts as of the date in the temp table `tenure_customer_facts` and
 * the population's figures (on PostgreSQL all of it in one transaction: see withTempTable).
 */
export async function withFacts<T>(store: Store, asOf: string, config: TenureConfig, work: (session: FactsSession) => Promise<T>): Promise<T> {
  const source = await factsSource(store, asOf);
  const query = customerFactsSql({ asOf, config, ...source });
  const started = performance.now();
  return withTempTable(store, factsTable, query.sql, query.params, async () => {
    const facts = (performance.now() - started) / 1000;
    const figuresStarted = performance.now();
    const figures = await populationFigures(store, factsTable, config);
    const timings = { facts, figures: (performance.now() - figuresStarted) / 1000 };
    return work({ figures, fitAsOf: source.fitAsOf, columns: query.columns, timings });
  });
}
