/**
 * A buyer's orders over time, as the BG/NBD model tells it: while alive, orders arrive as a Poisson
 * process with the person's weekly rate λ; after each repeat order the person drops out for good with
 * probability p. The first order starts the clock, as in lifetimes' `beta_geometric_nbd_model` simulator.
 */
import { DAY, HOUR, MINUTE, SECOND, WEEK, onLocalDay } from './calendar.js';
import { marketingTouch, newsletterCampaign } from './marketing.js';
import { draftOrder, placeOrder } from './orders.js';
import type { PersonContext } from './person-context.js';
import { exponential } from './random/exponential.js';
import type { Random } from './random/random.js';
import { weightedRecord } from './random/weighted-choice.js';
import { browse, visitAndOrder, type VisitSource } from './visits.js';

const pickReturnChannel = weightedRecord({ direct: 35, organic: 30, paid_search: 15, social: 12, affiliate: 8 });

function firstOrderCoupon(context: PersonContext, random: Random): string | null {
  const { profile } = context;
  if (profile.referral && random.chance(0.8)) return 'FRIEND10';
  return random.chance(0.25 + 0.3 * profile.discountAffinity) ? 'WELCOME10' : null;
}

/** A repeat order around `around`: maybe an e-mail click or an earlier look first, then the buying visit. */
function repeatOrder(context: PersonContext, random: Random, around: number, previous: number): number {
  const { profile } = context;
  let start = onLocalDay(random, around, profile.identity.country.utcOffset);
  if (start <= previous + HOUR) start = previous + HOUR + exponential(random, 1 / (3 * HOUR));
  let source: VisitSource;
  if (random.chance(0.3)) {
    const campaign = newsletterCampaign(start, start - previous > 90 * DAY);
    marketingTouch(context, random, start - SECOND * (5 + random.int(30)), 'email', campaign);
    source = { channel: 'email', campaign };
  } else {
    source = { channel: pickReturnChannel(random), campaign: null };
  }
  const lookedBefore = start - (0.5 + 4.5 * random.next()) * DAY;
  if (random.chance(0.25) && lookedBefore > previous + HOUR) browse(context, random, lookedBefore, { channel: 'direct', campaign: null }, true);
  const quick = random.chance(profile.platform === 'web' ? 0.1 : 0.35);
  const draft = draftOrder(context, random, start, random.chance(profile.discountAffinity * 0.15) && start - previous > 90 * DAY ? 'WINBACK20' : null);
  const at = visitAndOrder(context, random, start, source, draft, quick ? 'quick' : 'new');
  placeOrder(context, draft, at, source.channel);
  return at;
}

export function purchaseHistory(context: PersonContext): void {
  const { profile, log, world } = context;
  if (profile.segment !== 'buyer') return;
  const random = context.random.purchases;
  const end = world.window.end;

  // Most buy in the visit where they identify (guest checkout or sign-up then buy); others come back later.
  const sameVisit = random.chance(0.6);
  let start = log.identifiedAt + SECOND * 5;
  if (!sameVisit) {
    const later = onLocalDay(random, log.identifiedAt + exponential(random, 1 / ((random.chance(0.7) ? 4 : 25) * DAY)), profile.identity.country.utcOffset);
    if (later > log.identifiedAt + 30 * MINUTE && later < end - 2 * HOUR) start = later;
  }
  const source: VisitSource = sameVisit ? { channel: profile.channel, campaign: profile.campaign } : { channel: pickReturnChannel(random), campaign: null };
  const draft = draftOrder(context, random, start, firstOrderCoupon(context, random));
  const first = visitAndOrder(context, random, start, source, draft, sameVisit ? 'continued' : 'new');
  placeOrder(context, draft, first, source.channel);

  let clock = first;
  let last = first;
  for (;;) {
    clock += exponential(random, profile.purchaseRate) * WEEK;
    if (clock >= end) break;
    last = repeatOrder(context, random, clock, last);
    if (random.chance(profile.dropout)) break;
  }
  context.activeUntil = Math.max(context.activeUntil, last + 60 * DAY);
}
