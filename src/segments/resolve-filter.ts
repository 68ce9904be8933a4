/** The filter a command runs: a saved segment's by name, or one given ad hoc with --filter (not both). */
import type { Store } from '../store/store.js';
import { parseFilter } from './filter-parser.js';
import { getSegment } from './segment-store.js';

export interface ResolvedFilter {
  filter: string;
  /** The saved segment's name, when it is one. */
  name: string | null;
}

export async function resolveFilter(store: Store, options: { segment?: string | undefined; filter?: string | undefined }): Promise<ResolvedFilter> {
  if (options.segment !== undefined && options.filter !== undefined) throw new Error('give a segment name or --filter, not both');
  if (options.filter !== undefined) {
    parseFilter(options.filter);
    return { filter: options.filter, name: null };
  }
  if (options.segment === undefined) throw new Error('give a segment name or --filter "..." (see tenure segments list)');
  return { filter: (await getSegment(store, options.segment)).filter, name: options.segment };
}
