/**
 * The settings a derived table was made with. Some derived tables depend on configuration as well as on
 * the event log (the MRR facts on the grace days of a late renewal, say): when the settings change, the
 * table is rebuilt, as when its definition's version does.
 */
export const name = 'derived-table-parameters';

export const statements = [`ALTER TABLE derived_tables ADD COLUMN parameters VARCHAR DEFAULT ''`];
