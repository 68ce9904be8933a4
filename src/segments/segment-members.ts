/**
 * A filter's members as of a date: everyone's facts (classify-customers.ts `withFacts`), their
 * classifications beside them when the filter reads one (classes-table.ts), the traits it names
 * (trait-values.ts), and one SQL query with the compiled predicate (filter-compile.ts). The members come
 * out classified, in customer id order, exactly as `tenure customers` gives them, only fewer: their facts
 * are selected into a temp table and classified again with the whole population's figures (the median
 * order value and the RFM cut points are everyone's, not the members').
 */
import { endOfDay } from '../analytics/time-unit.js';
import type { TenureConfig } from '../config/config-schema.js';
import { factsTable, withFacts } from '../lifecycle/classify-customers.js';
import { createClassifier, type CustomerClassification } from '../lifecycle/classify.js';
import { Params, type CustomerFacts } from '../lifecycle/customer-facts.js';
import type { PopulationFigures } from '../lifecycle/population-figures.js';
import { readFacts } from '../lifecycle/read-facts.js';
import { byText } from '../store/sql-dialect.js';
import type { SqlValue, Store } from '../store/store.js';
import { withTempTable } from '../store/temp-table.js';
import { classesTable, withClasses } from './classes-table.js';
import { compileFilter } from './filter-compile.js';
import { traitValuesSql } from './trait-values.js';

export interface SegmentQueryOptions {
  /** The filter's text (a saved segment's, or one given ad hoc). */
  filter: string;
  asOf: string;
  config: TenureConfig;
}

export interface SegmentMembersResult {
  asOf: string;
  members: number;
  /** Everyone classified as of the date (customers and unlinked prospects). */
  customers: number;
  figures: PopulationFigures;
  fitAsOf: string | null;
  /** Whether the filter read the classification (and so everyone was classified). */
  classified: boolean;
}

interface MembersSession {
  /** `FROM ... WHERE ...` selecting the members' facts rows (`f`). */
  from: string;
  params: SqlValue[];
  customers: number;
  figures: PopulationFigures;
  fitAsOf: string | null;
  columns: readonly (keyof CustomerFacts)[];
  classified: boolean;
}

const membersTable = 'tenure_segment_members';

/** Runs `work` with the query of the filter's members as of the date. A bad filter or date fails before any work. */
async function withMembers<T>(store: Store, options: SegmentQueryOptions, work: (session: MembersSession) => Promise<T>): Promise<T> {
  const end = endOfDay(options.asOf);
  const params = new Params();
  const compiled = compileFilter(options.filter, store.dialect, params);
  return withFacts(store, options.asOf, options.config, async ({ figures, fitAsOf, columns }) => {
    let from = `FROM ${factsTable} f`;
    if (compiled.classes) from += ` JOIN ${classesTable} c ON c.customer_id = f.customer_id AND c.anonymous = CASE WHEN f.anonymous THEN 1 ELSE 0 END`;
    if (compiled.traits.length > 0) {
      from += ` LEFT JOIN ${traitValuesSql(compiled.traits, store.dialect, params, params.add(end))} t ON t.customer_id = f.customer_id AND NOT f.anonymous`;
    }
    from += ` WHERE ${compiled.where}`;
    const [total] = await store.query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${factsTable}`);
    const session = { from, params: params.values, customers: Number(total?.n ?? 0), figures, fitAsOf, columns, classified: compiled.classes };
    if (!compiled.classes) return work(session);
    return withClasses(store, { asOf: options.asOf, config: options.config, figures, fitAsOf, factColumns: columns }, () => work(session));
  });
}

/**
 * Hands the members over in batches, classified, in customer id order (byte order on both engines).
 * `onBatch` must not query the store: on DuckDB the members are still streaming out of its connection.
 */
export async function segmentMembers(
  store: Store,
  options: SegmentQueryOptions & { batchSize?: number },
  onBatch: (members: CustomerClassification[]) => void | Promise<void>,
): Promise<SegmentMembersResult> {
  return withMembers(store, options, (session) =>
    withTempTable(store, membersTable, `SELECT f.* ${session.from}`, session.params, async () => {
      const classify = createClassifier({ asOf: options.asOf, config: options.config, figures: session.figures, fitAsOf: session.fitAsOf });
      let members = 0;
      const order = `ORDER BY ${byText(store.dialect, 'customer_id')}, anonymous`;
      await readFacts(store, `SELECT * FROM ${membersTable} ${order}`, session.columns, options.batchSize ?? 2048, async (facts) => {
        members += facts.length;
        await onBatch(facts.map(classify));
      });
      return { asOf: options.asOf, members, customers: session.customers, figures: session.figures, fitAsOf: session.fitAsOf, classified: session.classified };
    }),
  );
}

/** How many members the filter has as of the date, and of how many customers and prospects. */
export async function segmentCount(store: Store, options: SegmentQueryOptions): Promise<{ asOf: string; members: number; customers: number }> {
  return withMembers(store, options, async (session) => {
    const [row] = await store.query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n ${session.from}`, session.params);
    return { asOf: options.asOf, members: Number(row?.n ?? 0), customers: session.customers };
  });
}
