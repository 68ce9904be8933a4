/**
 * `tenure model fit --input FILE.csv`: DuckDB reads the summary file and compresses it to unique rows
 * with weights (a GROUP BY), so a fit over a million customers reads a few thousand rows into JavaScript.
 *
 * The fit needs only the file, never the store: a scratch in-memory DuckDB reads it, so it works the same
 * whatever the store is (a DuckDB file, PostgreSQL, or none yet).
 */
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { sqlString } from '../ingest/normalize-sql.js';
import { fitModel, modelSpec, type ModelFitReport, type WeightedColumns } from './model-registry.js';

/** The literature's names for the same columns (x, t_x and zbar in Fader and Hardie's notes). */
const aliases: Record<string, readonly string[]> = {
  frequency: ['frequency', 'x'],
  recency: ['recency', 't_x', 'tx'],
  T: ['T', 't_cal'],
  monetary_value: ['monetary_value', 'zbar', 'm_x', 'mx'],
  periods: ['periods', 'n'],
};

export async function readWeightedColumns(
  store: DuckDbStore,
  path: string,
  columns: readonly string[],
  where?: (column: (name: string) => string) => string,
): Promise<WeightedColumns> {
  const described = await store.query<{ column_name: string }>(`DESCRIBE SELECT * FROM read_csv(${sqlString(path)}, header = true)`).catch((error: unknown) => {
    throw new Error(`cannot read ${path}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  });
  const present = new Map(described.map((c) => [c.column_name.toLowerCase(), c.column_name]));
  for (const [name, names] of Object.entries(aliases)) {
    const found = names.map((n) => present.get(n.toLowerCase())).find((n) => n !== undefined);
    if (found && !present.has(name.toLowerCase())) present.set(name.toLowerCase(), found);
  }
  const missing = columns.filter((c) => !present.has(c.toLowerCase()));
  if (missing.length > 0) {
    throw new Error(`${path} has no column ${missing.join(', ')} (it has ${[...present.values()].join(', ')}; this model needs ${columns.join(', ')}, plus weights optionally)`);
  }
  const col = (name: string) => `CAST("${present.get(name.toLowerCase())}" AS DOUBLE)`;
  const weight = present.has('weights') ? col('weights') : present.has('weight') ? col('weight') : '1';
  const rows = await store.query<Record<string, number>>(
    `SELECT ${columns.map((c) => `${col(c)} AS "${c}"`).join(', ')}, sum(${weight}) AS weight
     FROM read_csv(${sqlString(path)}, header = true)
     ${where ? `WHERE ${where(col)}` : ''}
     GROUP BY ALL ORDER BY ALL`,
  );
  const data = { weight: rows.map((r) => Number(r.weight)) } as WeightedColumns;
  for (const c of columns) data[c] = rows.map((r) => Number(r[c]));
  return data;
}

export async function fitFromFile(model: string, path: string, options: { penalizer?: number } = {}): Promise<ModelFitReport> {
  const spec = modelSpec(model);
  const scratch = await DuckDbStore.open(':memory:', { migrate: false });
  try {
    const data = await readWeightedColumns(scratch, path, spec.columns, spec.where);
    return fitModel(spec.name, data, options);
  } finally {
    await scratch.close();
  }
}
