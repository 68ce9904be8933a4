/**
 * Saved segments and personas in the `segments` table (migration 004): save (or replace), get, list and
 * delete. A definition is checked before it is saved: its name must be a slug and its filter must parse,
 * so a saved segment always runs. A persona is a segment by another name (a described archetype, such as
 * "the weekend gift buyer"); the two differ only in their kind, for listing.
 */
import type { Store } from '../store/store.js';
import { parseFilter } from './filter-parser.js';

export const segmentKinds = ['segment', 'persona'] as const;
export type SegmentKind = (typeof segmentKinds)[number];

export interface SavedSegment {
  name: string;
  kind: SegmentKind;
  filter: string;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

const slug = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export class UnknownSegmentError extends Error {
  override readonly name = 'UnknownSegmentError';
}

/** Throws unless `name` is a slug. */
export function checkSegmentName(name: string): void {
  if (!slug.test(name)) {
    throw new Error(`segment name ${JSON.stringify(name)} is not a slug (lower-case letters, digits, - and _, starting with a letter or digit, at most 63 characters)`);
  }
}

/** Saves a definition, replacing one of the same name (keeping when it was first created). Returns whether it replaced one. */
export async function saveSegment(store: Store, segment: { name: string; kind?: SegmentKind; filter: string; description?: string | null }): Promise<{ replaced: boolean }> {
  checkSegmentName(segment.name);
  parseFilter(segment.filter); // a bad filter fails here, with its column
  const now = new Date();
  return store.transaction(async (tx) => {
    const [existing] = await tx.query<{ created_at: Date }>('SELECT created_at FROM segments WHERE name = $1', [segment.name]);
    if (existing) await tx.run('DELETE FROM segments WHERE name = $1', [segment.name]);
    await tx.run('INSERT INTO segments (name, kind, filter, description, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      segment.name,
      segment.kind ?? 'segment',
      segment.filter,
      segment.description ?? null,
      existing?.created_at ?? now,
      now,
    ]);
    return { replaced: existing !== undefined };
  });
}

type SegmentRow = {
  name: string;
  kind: string;
  filter: string;
  description: string | null;
  created_at: Date;
  updated_at: Date;
};

const toSegment = (row: SegmentRow): SavedSegment => ({
  name: row.name,
  kind: row.kind as SegmentKind,
  filter: row.filter,
  description: row.description,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** Every saved definition, by name. */
export async function listSegments(store: Store): Promise<SavedSegment[]> {
  const rows = await store.query<SegmentRow>(
    `SELECT name, kind, filter, description, created_at, updated_at FROM segments ORDER BY ${store.dialect === 'postgres' ? 'name COLLATE "C"' : 'name'}`,
  );
  return rows.map(toSegment);
}

/** The saved definition of this name; an unknown name is an error listing the saved ones. */
export async function getSegment(store: Store, name: string): Promise<SavedSegment> {
  const [row] = await store.query<SegmentRow>('SELECT name, kind, filter, description, created_at, updated_at FROM segments WHERE name = $1', [name]);
  if (row) return toSegment(row);
  const saved = (await listSegments(store)).map((s) => s.name);
  throw new UnknownSegmentError(`no segment ${JSON.stringify(name)} (saved: ${saved.length > 0 ? saved.join(', ') : 'none yet; save one with tenure segments save NAME --filter "..."'})`);
}

/** Deletes a saved definition; an unknown name is the same error as for `getSegment`. */
export async function deleteSegment(store: Store, name: string): Promise<void> {
  await getSegment(store, name);
  await store.run('DELETE FROM segments WHERE name = $1', [name]);
}
