/**
 * RFM quintile scores and the named RFM segments.
 *
 * A score is `1 + floor(5 * percent_rank)` of the customer's value among all scored customers (5 at most):
 * the share of the others whose value is below the customer's, times five, rounded down, plus one. Ties
 * share a score (NTILE would split equal values across two scores, differently on each engine), and the
 * lowest value always scores 1: in a shop where most customers bought once, the one-time buyers are F 1
 * (a cume_dist score would lift them all to F 3 and leave New and Lost empty). Recency counts the other
 * way round: the most recent buyers score 5. The database hands over four cut points per measure
 * (population-figures.ts), the smallest values reaching each score, so scoring is four comparisons.
 */

/** `cuts[k - 1]` is the smallest value scoring more than k (k = 1..4; Infinity when none does); larger values score higher. */
export type CutPoints = readonly [number, number, number, number];

export interface RfmScores {
  r: number;
  f: number;
  m: number;
  segment: RfmSegment;
}

/** The score 1..5 of `value` under `cuts`: 1 plus the number of cut points it reaches. */
export function quintileScore(value: number, cuts: CutPoints): number {
  let score = 1;
  for (const cut of cuts) if (value >= cut) score++;
  return score;
}

export const rfmSegments = [
  'champions',
  'loyal',
  'potential_loyalist',
  'new',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cannot_lose',
  'hibernating',
  'lost',
] as const;
export type RfmSegment = (typeof rfmSegments)[number];

/**
 * The segment of a recency score and the mean of the frequency and monetary scores, after Putler's
 * eleven segments ("RFM Analysis For Successful Customer Segmentation", putler.com/rfm-analysis), which
 * name each by a range of R and of (F + M) / 2. Those ranges overlap, and on a 1..5 scale Lost and
 * Hibernating cover the same cells, so Tenure resolves them into one grid (docs/lifecycle.md draws it),
 * checked in this order; each cell lies in its segment's published range (New and Promising stretch
 * theirs from FM 1 to 1.5, Lost is the lowest cell of the shared range):
 */
const segmentRules: readonly [RfmSegment, (r: number, fm: number) => boolean][] = [
  ['champions', (r, fm) => r >= 4 && fm >= 4],
  ['loyal', (r, fm) => r >= 3 && fm >= 3],
  ['potential_loyalist', (r, fm) => r >= 4 && fm >= 2],
  ['new', (r) => r >= 4],
  ['promising', (r, fm) => r === 3 && fm < 2],
  ['need_attention', (r) => r === 3],
  ['cannot_lose', (r, fm) => r === 1 && fm >= 4],
  ['at_risk', (_r, fm) => fm >= 2.5],
  ['about_to_sleep', (r) => r === 2],
  ['hibernating', (_r, fm) => fm >= 1.5],
  ['lost', () => true],
];

export function rfmSegment(r: number, f: number, m: number): RfmSegment {
  const fm = (f + m) / 2;
  for (const [segment, applies] of segmentRules) if (applies(r, fm)) return segment;
  return 'lost';
}
