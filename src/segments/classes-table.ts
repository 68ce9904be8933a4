/**
 * The classifications of the as-of date in a table beside the facts, so a filter on them runs in SQL.
 * The rules are TypeScript (classify.ts): the facts stream out, are classified, and come back in batches
 * through the batch writer (write-batches.ts). Only what a filter can read is kept: the yes/no parts as
 * 0/1, the stage, status, RFM, and the active types as one ",type,type," text.
 *
 * On DuckDB the writer has a connection of its own, which cannot see the store connection's temp tables
 * nor make one the store connection sees, so there the table is an ordinary one, dropped when the work is
 * done (and replaced should a crashed run have left it). On PostgreSQL the writer is the store's
 * transaction, so it is a temp table dropped with it.
 */
import type { TenureConfig } from '../config/config-schema.js';
import { factsTable } from '../lifecycle/classify-customers.js';
import { createClassifier, type CustomerClassification } from '../lifecycle/classify.js';
import type { CustomerFacts } from '../lifecycle/customer-facts.js';
import type { PopulationFigures } from '../lifecycle/population-figures.js';
import { readFacts } from '../lifecycle/read-facts.js';
import type { Store } from '../store/store.js';
import { columnDefinitions, type TableColumn } from '../store/table-columns.js';
import { withBatchWriter } from '../store/write-batches.js';

export const classesTable = 'tenure_segment_classes';

const columns: readonly TableColumn[] = [
  { name: 'customer_id', type: 'varchar' },
  { name: 'anonymous', type: 'integer' },
  { name: 'active', type: 'integer' },
  { name: 'high_value', type: 'integer' },
  { name: 'stage', type: 'varchar' },
  { name: 'status', type: 'varchar' },
  { name: 'types', type: 'varchar' },
  { name: 'rfm_r', type: 'integer' },
  { name: 'rfm_f', type: 'integer' },
  { name: 'rfm_m', type: 'integer' },
  { name: 'rfm_segment', type: 'varchar' },
];

export interface ClassesSession {
  asOf: string;
  config: TenureConfig;
  figures: PopulationFigures;
  fitAsOf: string | null;
  factColumns: readonly (keyof CustomerFacts)[];
}

/** Runs `work` with everyone in the facts table classified into `tenure_segment_classes`. */
export async function withClasses<T>(store: Store, session: ClassesSession, work: () => Promise<T>): Promise<T> {
  const postgres = store.dialect === 'postgres';
  try {
    await withBatchWriter(store, async (writer) => {
      await writer.run(`DROP TABLE IF EXISTS ${classesTable}`);
      const list = columnDefinitions(columns);
      await writer.run(postgres ? `CREATE TEMP TABLE ${classesTable} (${list}) ON COMMIT DROP` : `CREATE TABLE ${classesTable} (${list})`);
      const classify = createClassifier({ asOf: session.asOf, config: session.config, figures: session.figures, fitAsOf: session.fitAsOf });
      await readFacts(store, `SELECT * FROM ${factsTable}`, session.factColumns, 2048, async (facts) => {
        await writer.append(classesTable, columns, classColumns(facts.map(classify)));
      });
    });
    return await work();
  } finally {
    await store.run(`DROP TABLE IF EXISTS ${classesTable}`);
  }
}

function classColumns(batch: readonly CustomerClassification[]): unknown[][] {
  const flag = (value: boolean) => (value ? 1 : 0);
  return [
    batch.map((c) => c.customer_id),
    batch.map((c) => flag(c.anonymous)),
    batch.map((c) => flag(c.active)),
    batch.map((c) => flag(c.highValue)),
    batch.map((c) => c.stage),
    batch.map((c) => c.status),
    batch.map((c) => `,${c.activeTypes.join(',')},`),
    batch.map((c) => c.rfm?.r ?? null),
    batch.map((c) => c.rfm?.f ?? null),
    batch.map((c) => c.rfm?.m ?? null),
    batch.map((c) => c.rfm?.segment ?? null),
  ];
}
