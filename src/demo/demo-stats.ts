/** Counts of what a demo run produced, filled while its events are yielded. */
import type { CanonicalEvent } from '../domain/event.js';

export interface DemoStats {
  /** People simulated, including anonymous visitors who never identified. */
  customers: number;
  /** People with neither an order nor a subscription. */
  prospects: number;
  /** People with at least one order. */
  buyers: number;
  /** People with at least two orders. */
  repeatBuyers: number;
  /** People who started at least one subscription. */
  subscribers: number;
  events: number;
  byKind: Record<string, number>;
}

export function emptyDemoStats(): DemoStats {
  return { customers: 0, prospects: 0, buyers: 0, repeatBuyers: 0, subscribers: 0, events: 0, byKind: {} };
}

/** Counts one person from all their events (call before counting the events themselves). */
export function countPerson(stats: DemoStats, events: readonly CanonicalEvent[]): void {
  let orders = 0;
  let subscriptions = 0;
  for (const event of events) {
    if (event.kind === 'order_completed') orders += 1;
    else if (event.kind === 'subscription_started') subscriptions += 1;
  }
  stats.customers += 1;
  if (orders === 0 && subscriptions === 0) stats.prospects += 1;
  if (orders >= 1) stats.buyers += 1;
  if (orders >= 2) stats.repeatBuyers += 1;
  if (subscriptions >= 1) stats.subscribers += 1;
}

export function countEvent(stats: DemoStats, event: CanonicalEvent): void {
  stats.events += 1;
  stats.byKind[event.kind] = (stats.byKind[event.kind] ?? 0) + 1;
}
