/**
 * A segment's size over time: its members counted as of the last day of each period (a day, a week
 * from Monday, a calendar month; the first and last cut to the range, as `tenure active` cuts them).
 * Each count is a whole classification as of that day (the facts scan, and the rules when the filter
 * reads the classification): a year by month is twelve of them. The lifecycle is defined as of a date,
 * windows and population figures included, so there is no cheaper exact sweep for an arbitrary filter.
 */
import type { TenureConfig } from '../config/config-schema.js';
import { checkRange, periodSpans, type Grain } from '../lifecycle/periods.js';
import type { Store } from '../store/store.js';
import { resolveFilter } from './resolve-filter.js';
import { segmentCount } from './segment-members.js';

export interface SegmentSizePeriod {
  /** The period's first and last day within the range; the count is as of `to`. */
  from: string;
  to: string;
  members: number;
  /** Everyone classified as of `to` (customers and unlinked prospects). */
  customers: number;
}

export interface SegmentSizes {
  /** The saved segment's name, when it is one. */
  name: string | null;
  filter: string;
  from: string;
  to: string;
  grain: Grain;
  periods: SegmentSizePeriod[];
}


/** The sizes of a saved segment (`segment`, its name) or of an ad hoc `filter`. */
export async function segmentSizes(
  store: Store,
  options: { segment?: string | undefined; filter?: string | undefined; from: string; to: string; grain: Grain; config: TenureConfig },
): Promise<SegmentSizes> {
  const { name, filter } = await resolveFilter(store, options);
  checkRange(options.from, options.to);
  const periods: SegmentSizePeriod[] = [];
  for (const period of periodSpans(options.from, options.to, options.grain)) {
    const count = await segmentCount(store, { filter, asOf: period.to, config: options.config });
    periods.push({ from: period.from, to: period.to, members: count.members, customers: count.customers });
  }
  return { name, filter, from: options.from, to: options.to, grain: options.grain, periods };
}
