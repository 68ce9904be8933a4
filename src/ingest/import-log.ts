/** The `imports` ledger and store settings the importer reads. */
import type { Store } from '../store/store.js';
import type { CommitCounts } from './commit-staged.js';

export async function beginImport(store: Store, source: string, format: string, options: object): Promise<number> {
  const [next] = await store.query<{ id: number }>('SELECT coalesce(max(import_id), 0) + 1 AS id FROM imports');
  const id = next?.id ?? 1;
  await store.run('INSERT INTO imports (import_id, source, format, started_at, options) VALUES ($1, $2, $3, now(), $4)', [
    id,
    source,
    format,
    JSON.stringify(options),
  ]);
  return id;
}

export async function finishImport(store: Store, importId: number, counts: CommitCounts): Promise<void> {
  await store.run('UPDATE imports SET finished_at = now(), accepted = $1, duplicates = $2, rejected = $3 WHERE import_id = $4', [
    counts.accepted,
    counts.duplicates,
    counts.rejected,
    importId,
  ]);
}
