/** Brings a store's schema up to date, one migration per transaction, and records what was applied. */
import type { Store } from '../store.js';
import { forDialect } from './dialect.js';
import { migrations, statementsFor } from './index.js';

export async function migrate(store: Store): Promise<number[]> {
  await store.run(forDialect(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)`, store.dialect));
  const applied = new Set((await store.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
  const latestKnown = Math.max(...migrations.map((m) => m.version));
  const newest = Math.max(0, ...applied);
  if (newest > latestKnown) {
    throw new Error(`the store ${store.location} was written by a newer Tenure (schema ${newest}; this version knows up to ${latestKnown}): upgrade Tenure`);
  }
  const done: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    await store.transaction(async (tx) => {
      for (const statement of statementsFor(migration, store.dialect)) await tx.run(forDialect(statement, store.dialect));
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [migration.version, migration.name]);
    });
    done.push(migration.version);
  }
  return done;
}
