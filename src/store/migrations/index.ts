/**
 * Ordered schema migrations, shared by every backend (written in DuckDB SQL; `forDialect` maps the few
 * PostgreSQL type names that differ). Append new ones; never edit an applied one.
 */
import type { Store } from '../store.js';
import * as eventLog from './001-event-log.js';
import * as modelScores from './002-model-scores.js';
import * as serverIndexes from './003-server-indexes.js';
import * as segments from './004-segments.js';
import * as derivedTables from './005-derived-tables.js';
import * as derivedTableParameters from './006-derived-table-parameters.js';

/** A statement for every engine, or one that only one engine needs (an index, say). */
export type MigrationStatement = string | { readonly only: Store['dialect']; readonly sql: string };

export interface Migration {
  version: number;
  name: string;
  statements: readonly MigrationStatement[];
}

export const migrations: readonly Migration[] = [
  { version: 1, ...eventLog },
  { version: 2, ...modelScores },
  { version: 3, ...serverIndexes },
  { version: 4, ...segments },
  { version: 5, ...derivedTables },
  { version: 6, ...derivedTableParameters },
];

/** The statements of a migration that apply to `dialect`, as written (before `forDialect`). */
export function statementsFor(migration: Migration, dialect: Store['dialect']): string[] {
  return migration.statements.flatMap((s) => (typeof s === 'string' ? [s] : s.only === dialect ? [s.sql] : []));
}
