/** The help texts of the options most commands share, and the default as-of date. */

export const dbHelp = 'the store: a DuckDB file or a postgres:// URL (default: $TENURE_DB or ./tenure.duckdb)';
export const configHelp = 'the config file (default: $TENURE_CONFIG, else ./tenure.config.json, .yaml or .yml, else the defaults)';

/** Today in UTC (YYYY-MM-DD): the default `--as-of`. */
export const today = (): string => new Date().toISOString().slice(0, 10);
