/**
 * The attributes the lookalike model compares (docs/lookalikes.md): the behavioural ones, fixed here
 * with their bins, and the rules that decide which identify traits become attributes. Each attribute
 * value is a short label ("referral", "2-4", "yes"), so the model counts and explains them alike.
 */

/** How a behavioural count is turned into a value: 0, 1, 2-4 or 5+. */
export const countBins = ['0', '1', '2-4', '5+'] as const;

/** A behavioural attribute: its name, the column of the people table it reads, and how it is binned. */
export interface BehaviourAttribute {
  name: string;
  column: string;
  /** `category`: the column's text (missing: "none"); `flag`: yes when the count is above 0; `count`: countBins. */
  kind: 'category' | 'flag' | 'count';
  /** What it is, for the docs and help. */
  description: string;
}

export const behaviourAttributes: readonly BehaviourAttribute[] = [
  { name: 'channel', column: 'channel', kind: 'category', description: 'the channel of the first event that has one (contacts and tickets aside)' },
  { name: 'platform', column: 'platform', kind: 'category', description: 'the platform of the first event that has one' },
  { name: 'signed_up', column: 'signups', kind: 'flag', description: 'a signed_up event' },
  { name: 'lead_captured', column: 'leads', kind: 'flag', description: 'a lead_captured event' },
  { name: 'contacts', column: 'contacts', kind: 'count', description: 'inbound contacts' },
  { name: 'support_tickets', column: 'tickets', kind: 'count', description: 'support tickets opened' },
  { name: 'page_views', column: 'page_views', kind: 'count', description: 'page views' },
  { name: 'product_views', column: 'product_views', kind: 'count', description: 'product views' },
  { name: 'cart_adds', column: 'cart_adds', kind: 'count', description: 'products added to a cart' },
  { name: 'checkouts', column: 'checkouts', kind: 'count', description: 'checkouts started' },
];

/** The SQL giving a behavioural attribute's value label from its column. */
export function behaviourValueSql(attribute: BehaviourAttribute): string {
  const c = attribute.column;
  if (attribute.kind === 'category') return `coalesce(${c}, 'none')`;
  if (attribute.kind === 'flag') return `CASE WHEN ${c} > 0 THEN 'yes' ELSE 'no' END`;
  return `CASE WHEN ${c} = 0 THEN '0' WHEN ${c} = 1 THEN '1' WHEN ${c} <= 4 THEN '2-4' ELSE '5+' END`;
}

/** The same label in TypeScript, for a row read back from the people table. */
export function behaviourValue(attribute: BehaviourAttribute, raw: unknown): string {
  if (attribute.kind === 'category') return raw === null || raw === undefined ? 'none' : String(raw);
  const n = Number(raw);
  if (attribute.kind === 'flag') return n > 0 ? 'yes' : 'no';
  return n === 0 ? '0' : n === 1 ? '1' : n <= 4 ? '2-4' : '5+';
}

/**
 * A string trait with more distinct values than this (among everyone the model sees) is taken for an id
 * or free text (email, name, city, sign-up date) and left out: too many values to learn anything from.
 */
export const maxTraitCategories = 20;

/** Numeric traits are cut into this many quantile bands (fewer when values tie on a cut point). */
export const numericBands = 4;

/** Traits never compared: who the person is to the business, not what they are like. */
export const ignoredTraits: ReadonlySet<string> = new Set(['email', 'name', 'first_name', 'last_name', 'phone', 'user_id', 'customer_id', 'anonymous_id']);

/** How one trait is used: as categories, in numeric bands (the cut points), or not at all (and why). */
export type TraitUse =
  | { key: string; use: 'category'; distinctValues: number; people: number }
  | { key: string; use: 'bands'; cuts: number[]; distinctValues: number; people: number }
  | { key: string; use: 'ignored'; reason: string; distinctValues: number; people: number };

/** Decides how a trait is used from its statistics over everyone the model sees. */
export function traitUse(stats: { key: string; distinctValues: number; people: number; numeric: boolean; quantiles: (number | null)[] }): TraitUse {
  const { key, distinctValues, people } = stats;
  if (ignoredTraits.has(key)) return { key, use: 'ignored', reason: 'an identifier', distinctValues, people };
  if (stats.numeric && distinctValues > numericBands) {
    // Distinct cut points only: values tied on a cut leave fewer bands.
    const cuts = [...new Set(stats.quantiles.filter((q): q is number => q !== null))].sort((a, b) => a - b);
    return { key, use: 'bands', cuts, distinctValues, people };
  }
  if (distinctValues > maxTraitCategories) return { key, use: 'ignored', reason: `${distinctValues} distinct values, more than ${maxTraitCategories}`, distinctValues, people };
  return { key, use: 'category', distinctValues, people };
}

/** The band a number falls in: the number of cut points at or below it (0 to cuts.length). */
export function bandOf(value: number, cuts: readonly number[]): number {
  let band = 0;
  for (const cut of cuts) if (value >= cut) band++;
  return band;
}

const number = (n: number) => (Number.isInteger(n) ? String(n) : n.toPrecision(4).replace(/\.?0+$/, ''));

/** A band's label: "under 31", "31 to under 42", "42 or more". */
export function bandLabel(band: number, cuts: readonly number[]): string {
  const low = cuts[band - 1];
  const high = cuts[band];
  if (low === undefined) return high === undefined ? 'any' : `under ${number(high)}`;
  if (high === undefined) return `${number(low)} or more`;
  return `${number(low)} to under ${number(high)}`;
}
