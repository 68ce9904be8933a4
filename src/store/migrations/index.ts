/**
 * Ordered schema migrations, shared by every backend (written in DuckDB SQL; `forDialect` maps the few
 * PostgreSQL type names that differ). Append new ones; never edit an applied one.
 */
import * as eventLog from './001-event-log.js';
import * as modelScores from './002-model-scores.js';

export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

export const migrations: readonly Migration[] = [
  { version: 1, ...eventLog },
  { version: 2, ...modelScores },
];
