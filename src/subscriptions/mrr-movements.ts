/**
 * A customer's MRR movements from the MRR spans of all their subscriptions (subscription-timeline.ts),
 * classified as ChartMogul classifies them ("Understanding MRR movements", help.chartmogul.com):
 *
 * - new: the customer's MRR goes from 0 to above 0 for the first time;
 * - reactivation: from 0 to above 0 again, after a churn;
 * - expansion / contraction: up or down while staying above 0 (a second subscription is expansion;
 *   cancelling one of several is contraction);
 * - churn: down to 0 (the customer's last subscription ended).
 *
 * Movements are per customer per day: all the changes of one day collapse into one movement, the net
 * change (ChartMogul's Smart Activity Classification groups changes within 60 minutes; a day is Tenure's
 * resolution). So the movements of a customer sum to the change in their MRR, and for any range,
 * opening MRR + the movements = closing MRR, exactly (integer units of 1/10,000).
 *
 * The same classification runs per group (a plan, or a kind of subscription), with the customer's MRR in
 * that group: a switch from plan A to plan B is churn in A and new in B (or a reactivation, if the
 * customer had B before), while for the customer overall it is an expansion or contraction.
 */
import type { MrrSpan } from './subscription-timeline.js';

export const movementTypes = ['new', 'expansion', 'reactivation', 'contraction', 'churn'] as const;
export type MovementType = (typeof movementTypes)[number];

export interface MrrMovement {
  day: number;
  type: MovementType;
  /** The change in MRR (units of 1/10,000): positive for new, expansion and reactivation. */
  delta: number;
  /** The customer's MRR (in the group) before and after the day's changes. */
  before: number;
  after: number;
}

/** Classifies a change of a customer's MRR from `before` to `after` (not equal); `paidBefore`: had MRR above 0 before. */
export function movementType(before: number, after: number, paidBefore: boolean): MovementType {
  if (before === 0) return paidBefore ? 'reactivation' : 'new';
  if (after === 0) return 'churn';
  return after > before ? 'expansion' : 'contraction';
}

/**
 * The movements of one customer (or one customer's group) from its spans, in day order. Spans of the
 * same day are netted first, so a cancellation and a new subscription on one day are one movement.
 */
export function mrrMovements(spans: readonly MrrSpan[]): MrrMovement[] {
  const changes = new Map<number, number>();
  for (const span of spans) {
    changes.set(span.from, (changes.get(span.from) ?? 0) + span.mrr);
    if (span.to !== null) changes.set(span.to, (changes.get(span.to) ?? 0) - span.mrr);
  }
  const days = [...changes.keys()].sort((a, b) => a - b);
  const movements: MrrMovement[] = [];
  let mrr = 0;
  let paidBefore = false;
  for (const day of days) {
    const delta = changes.get(day) ?? 0;
    if (delta === 0) continue;
    const after = mrr + delta;
    movements.push({ day, type: movementType(mrr, after, paidBefore), delta, before: mrr, after });
    if (after > 0) paidBefore = true;
    mrr = after;
  }
  return movements;
}

/** A customer's spans by plan, or by kind: the groups the movements of `--by` are classified in. */
export function spansBy<K>(spans: readonly MrrSpan[], key: (span: MrrSpan) => K): Map<K, MrrSpan[]> {
  const groups = new Map<K, MrrSpan[]>();
  for (const span of spans) {
    const k = key(span);
    const list = groups.get(k);
    if (list) list.push(span);
    else groups.set(k, [span]);
  }
  return groups;
}
