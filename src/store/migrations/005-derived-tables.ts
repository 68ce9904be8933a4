/**
 * The bookkeeping of derived tables (derived-tables.ts): typed copies of some events' properties, kept up
 * to date import by import so that reports do not parse JSON on every run. Each derived table itself is
 * made by its definition when first needed, and remade when the definition changes.
 */
export const name = 'derived-tables';

export const statements = [
  `CREATE TABLE derived_tables (
     name VARCHAR PRIMARY KEY,
     -- The definition's version the table was built with: another version rebuilds it.
     version INTEGER NOT NULL,
     -- Every import up to this id is in the table, except the open ones.
     through_import INTEGER NOT NULL,
     -- Imports that were still running at the last refresh, their ids as text ([3, 4]): taken again next time.
     open_imports VARCHAR NOT NULL,
     refreshed_at TIMESTAMP NOT NULL
   )`,
];
