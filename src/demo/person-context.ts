/**
 * Everything known about one person while they are simulated; dropped once their events are yielded.
 */
import type { Currency } from './money.js';
import { PersonLog } from './person-log.js';
import { drawProfile, type Profile } from './profile.js';
import { createRandom, type Random } from './random/random.js';
import { Stream } from './streams.js';
import type { World } from './world.js';
import type { Product } from './catalogue.js';

export interface LineDraft {
  product: Product;
  quantity: number;
  /** Unit price paid, in the order's currency (below list price when the item was on sale). */
  price: number;
}

export interface OrderRecord {
  orderId: string;
  at: number;
  /** What the customer paid, in cents of `currency`. */
  amount: number;
  currency: Currency;
  rate: string | null;
  lines: readonly LineDraft[];
}

/** Something that made the person happier (+) or less happy (-) with the shop, for later surveys. */
export interface Experience {
  at: number;
  score: number;
}

export interface PersonContext {
  world: World;
  profile: Profile;
  log: PersonLog;
  random: Readonly<Record<'acquisition' | 'purchases' | 'subscriptions' | 'support' | 'voice', Random>>;
  orders: OrderRecord[];
  experiences: Experience[];
  /** Loyalty points balance. */
  points: number;
  /** Paid subscription spans [start, end) (end is the window end while still active). */
  subscriptionSpans: Array<{ start: number; end: number }>;
  /** Last time the person was plausibly still around; tickets, contacts and surveys fall before it. */
  activeUntil: number;
  /** Running numbers for ids inside this person: orders, checkouts, tickets, subscriptions. */
  sequence: { order: number; ticket: number; subscription: number };
}

export function createPersonContext(world: World, index: number): PersonContext {
  const stream = (id: number): Random => createRandom(world.seed, index, id);
  const referral = world.referrals.take(index);
  const profile = drawProfile(world, index, stream(Stream.profile), referral);
  return {
    world,
    profile,
    log: new PersonLog(profile.customerId),
    random: {
      acquisition: stream(Stream.acquisition),
      purchases: stream(Stream.purchases),
      subscriptions: stream(Stream.subscriptions),
      support: stream(Stream.support),
      voice: stream(Stream.voice),
    },
    orders: [],
    experiences: [],
    points: 0,
    subscriptionSpans: [],
    activeUntil: profile.firstContact,
    sequence: { order: 0, ticket: 0, subscription: 0 },
  };
}

/** `ord-0000042-3`: the person's number and a running number, unique across the demo. */
export function nextId(context: PersonContext, prefix: 'ord' | 'tkt' | 'sub', key: 'order' | 'ticket' | 'subscription'): string {
  context.sequence[key] += 1;
  return `${prefix}-${String(context.profile.index + 1).padStart(7, '0')}-${context.sequence[key]}`;
}
