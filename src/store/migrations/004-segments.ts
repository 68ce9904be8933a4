/**
 * Saved segments and personas: a name, a filter in the filter language (docs/segments.md) and a
 * description. Only the definition is stored; the members are worked out from the event log as of
 * whatever date is asked, like every other figure.
 */
export const name = 'segments';

export const statements = [
  `CREATE TABLE segments (
     -- A slug: lower-case letters, digits, - and _.
     name VARCHAR PRIMARY KEY,
     -- 'segment' or 'persona'.
     kind VARCHAR NOT NULL,
     filter VARCHAR NOT NULL,
     description VARCHAR,
     created_at TIMESTAMP NOT NULL,
     updated_at TIMESTAMP NOT NULL
   )`,
];
