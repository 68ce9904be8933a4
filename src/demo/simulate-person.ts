/**
 * One person from first touch to the end of the window. The order of the steps matters: later steps
 * read what earlier ones left in the context (orders, subscriptions, experiences, how long they stayed).
 */
import { acquire } from './acquisition.js';
import { contactHistory } from './contacts.js';
import { createPersonContext } from './person-context.js';
import { prospectReturns } from './prospects.js';
import { purchaseHistory } from './purchases.js';
import { referralHistory } from './referrals.js';
import { subscriptionHistory } from './subscriptions.js';
import { supportHistory } from './support.js';
import { voiceHistory } from './voice.js';
import type { World } from './world.js';
import type { CanonicalEvent } from '../domain/event.js';

/** The person's events in time order, without event ids yet. */
export function simulatePerson(world: World, index: number): CanonicalEvent[] {
  const context = createPersonContext(world, index);
  acquire(context);
  prospectReturns(context);
  purchaseHistory(context);
  subscriptionHistory(context);
  supportHistory(context);
  contactHistory(context);
  voiceHistory(context);
  referralHistory(context);
  return context.log.finish(world.window);
}
