/**
 * The fields a filter may name, each mapped to a fixed SQL expression over the facts table (`f`, see
 * customer-facts.ts), the classes table (`c`, see classes-table.ts) or, for `trait.<name>`, the traits
 * subquery (`t`, see trait-values.ts). Filters never put their own text into SQL: a field is looked up
 * here, and a value becomes a bound parameter.
 *
 * The facts table spells a missing day or score -1; the expressions turn that back into NULL, so a
 * customer without orders has no `days_since_last_order` rather than -1 days.
 */
import { activeTypes, stages, statuses } from '../lifecycle/classify.js';
import { packing } from '../lifecycle/customer-facts.js';
import { rfmSegments } from '../lifecycle/rfm.js';

export type FieldKind = 'boolean' | 'number' | 'enum' | 'types';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  /** Facts are in the facts table; classification fields need the customers classified first. */
  source: 'facts' | 'classes';
  sql: string;
  /** Allowed values of an enum (or of `type`), and what one of them is called in an error. */
  values?: readonly string[];
  valueName?: string;
  /** Whether the field may be absent (then `is null` applies). */
  nullable?: boolean;
  /** What it means, for `segments check` and the docs. */
  meaning: string;
}

const present = (column: string) => `CASE WHEN f.${column} >= 0 THEN f.${column} END`;
const packedDays = (column: string, by: number) => `CASE WHEN f.${column} >= 0 THEN floor(f.${column} / ${by}.0) END`;

export const fields: readonly FieldSpec[] = [
  // The classification (made in TypeScript, written to the classes table).
  { name: 'active', kind: 'boolean', source: 'classes', sql: '(c.active = 1)', meaning: 'active as of the date (docs/lifecycle.md)' },
  { name: 'high_value', kind: 'boolean', source: 'classes', sql: '(c.high_value = 1)', meaning: 'high value: full price, repeat buying over time, above the median order' },
  { name: 'stage', kind: 'enum', source: 'classes', sql: 'c.stage', values: stages, valueName: 'stage', meaning: 'lifecycle stage' },
  { name: 'status', kind: 'enum', source: 'classes', sql: 'c.status', values: statuses, valueName: 'status', nullable: true, meaning: 'status; null for someone never active' },
  { name: 'type', kind: 'types', source: 'classes', sql: 'c.types', values: activeTypes, valueName: 'active type', meaning: 'one of the active types (a customer may have several): `type = loyal` or `has loyal`' },
  { name: 'rfm.r', kind: 'number', source: 'classes', sql: 'c.rfm_r', nullable: true, meaning: 'RFM recency score 1 to 5; null without an order in the RFM window' },
  { name: 'rfm.f', kind: 'number', source: 'classes', sql: 'c.rfm_f', nullable: true, meaning: 'RFM frequency score 1 to 5' },
  { name: 'rfm.m', kind: 'number', source: 'classes', sql: 'c.rfm_m', nullable: true, meaning: 'RFM monetary score 1 to 5' },
  { name: 'rfm.segment', kind: 'enum', source: 'classes', sql: 'c.rfm_segment', values: rfmSegments, valueName: 'RFM segment', nullable: true, meaning: 'RFM segment' },
  // Facts: behaviour and money as of the date.
  { name: 'anonymous', kind: 'boolean', source: 'facts', sql: 'f.anonymous', meaning: 'a prospect known only by an anonymous id not linked to a customer by the date' },
  { name: 'events', kind: 'number', source: 'facts', sql: 'f.events', meaning: 'events of every kind, ever' },
  { name: 'orders', kind: 'number', source: 'facts', sql: 'f.orders', meaning: 'orders, ever' },
  { name: 'revenue', kind: 'number', source: 'facts', sql: 'f.revenue', meaning: 'order revenue, ever, in the reporting currency' },
  { name: 'average_order_value', kind: 'number', source: 'facts', sql: 'CASE WHEN f.orders > 0 THEN f.revenue / f.orders END', nullable: true, meaning: 'revenue / orders; null without orders' },
  { name: 'full_price_orders', kind: 'number', source: 'facts', sql: 'f.full_price_orders', meaning: 'orders at full price, ever' },
  { name: 'days_since_first_order', kind: 'number', source: 'facts', sql: present('first_order_days'), nullable: true, meaning: 'days from the first order to the date (0: that day)' },
  { name: 'days_since_last_order', kind: 'number', source: 'facts', sql: present('last_order_days'), nullable: true, meaning: 'days from the last order to the date (0: that day)' },
  { name: 'days_since_last_activity', kind: 'number', source: 'facts', sql: packedDays('last_activity', packing.kind), nullable: true, meaning: 'days from the last activity (activity.kinds) to the date' },
  { name: 'tickets', kind: 'number', source: 'facts', sql: 'f.window_tickets', meaning: 'support tickets within the activity window' },
  { name: 'contacts', kind: 'number', source: 'facts', sql: 'f.window_contacts', meaning: 'inbound contacts within the activity window' },
  { name: 'referrals', kind: 'number', source: 'facts', sql: 'f.advocacy_referrals', meaning: 'referrals within the advocacy window (365 days by default)' },
  { name: 'good_reviews', kind: 'number', source: 'facts', sql: 'f.advocacy_good_reviews', meaning: 'reviews rated 4+ within the advocacy window' },
  { name: 'nps', kind: 'number', source: 'facts', sql: `CASE WHEN f.latest_nps >= 0 THEN ${packing.nps - 1} - f.latest_nps % ${packing.nps} END`, nullable: true, meaning: 'the latest NPS answer, 0 to 10' },
  { name: 'probability_alive', kind: 'number', source: 'facts', sql: present('probability_alive'), nullable: true, meaning: 'from the latest model fit at or before the date (`tenure score`)' },
  { name: 'expected_purchases', kind: 'number', source: 'facts', sql: present('expected_purchases'), nullable: true, meaning: 'expected purchases over the fit\'s horizon' },
  { name: 'clv', kind: 'number', source: 'facts', sql: present('clv'), nullable: true, meaning: 'customer lifetime value from the latest fit' },
];

export const fieldNames: readonly string[] = [...fields.map((f) => f.name), 'trait.<name>'];

const byName = new Map(fields.map((f) => [f.name, f]));

export function findField(name: string): FieldSpec | undefined {
  return byName.get(name.toLowerCase());
}

/** A trait name after `trait.`: a plain identifier, so it reads the same in every engine's JSON. */
export const traitName = /^[A-Za-z_][A-Za-z0-9_]*$/;
