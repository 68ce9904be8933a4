/**
 * Referrals by loyal, happy customers. A referral that converts books a later customer slot (see
 * `ReferralBook`), so the friend shows up later in the demo with acquisition channel `referral`.
 */
import { DAY, HOUR } from './calendar.js';
import type { PersonContext } from './person-context.js';
import { customerIdOf, drawIdentity } from './population.js';
import { exponential } from './random/exponential.js';
import { poisson } from './random/poisson.js';
import { weightedRecord } from './random/weighted-choice.js';

const pickMethod = weightedRecord({ email: 40, link: 30, social: 20, sms: 10 });

/** Since when the person counts as loyal: their third order, or three months into a subscription. */
function loyalSince(context: PersonContext): number | undefined {
  const third = context.orders[2]?.at;
  const span = context.subscriptionSpans[0];
  const subscribed = span && span.end - span.start >= 90 * DAY ? span.start + 90 * DAY : undefined;
  if (third === undefined) return subscribed;
  return subscribed === undefined ? third : Math.min(third, subscribed);
}

export function referralHistory(context: PersonContext): void {
  const { profile, log, world } = context;
  if (profile.satisfaction <= 0) return;
  const since = loyalSince(context);
  if (since === undefined) return;
  const until = Math.min(context.activeUntil, world.window.end);
  if (until <= since) return;
  const random = context.random.voice;
  const count = Math.min(3, poisson(random, 0.5 + 0.5 * profile.satisfaction));
  for (let i = 0; i < count; i++) {
    const at = since + random.next() * (until - since);
    const properties: Record<string, unknown> = { program: 'refer-a-friend' };
    const arrivesAt = at + exponential(random, 1 / (4 * DAY)) + HOUR;
    const slot = random.chance(0.4) && arrivesAt < world.window.end - DAY ? world.referrals.book(profile.index, { referrerId: profile.customerId, arrivesAt }) : undefined;
    if (slot !== undefined) {
      properties.referred_customer_id = customerIdOf(slot);
      properties.referred_email = drawIdentity(world.seed, slot).email;
    } else {
      properties.referred_email = `friend.${(random.next() * 1e9) >>> 0}@example.org`;
    }
    log.add('referral_made', at, { channel: pickMethod(random), platform: profile.platform, properties });
  }
}
