/** The help texts of the options most commands share, the default as-of date, and where the config came from. */
import type { LoadedConfig } from '../../config/load-config.js';

export const dbHelp = 'the store: a DuckDB file or a postgres:// URL (default: $TENURE_DB or ./tenure.duckdb)';
export const configHelp = 'the config file (default: $TENURE_CONFIG, else ./tenure.config.json, .yaml or .yml, else the defaults)';

/** Today in UTC (YYYY-MM-DD): the default `--as-of`. */
export const today = (): string => new Date().toISOString().slice(0, 10);

/** Where the config came from, for a report's heading: its file, or the defaults of its preset. */
export function configSource(loaded: LoadedConfig): string {
  return loaded.source ?? `defaults (preset ${loaded.config.preset})`;
}
