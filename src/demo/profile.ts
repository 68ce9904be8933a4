/**
 * Who one person is and how they will behave: segment, acquisition, and the hidden traits
 * (purchase rate, drop-out, spend, discount appetite, satisfaction) that drive every later event.
 */
import { HOUR, onLocalDay, type DemoWindow } from './calendar.js';
import { pickFavourite, type Product, type SubscriptionKind } from './catalogue.js';
import { demoParameters, demoShares } from './demo-parameters.js';
import type { Currency } from './money.js';
import { customerIdOf, drawIdentity, type Identity } from './population.js';
import type { Booking } from './referral-book.js';
import { beta } from './random/beta.js';
import { gamma } from './random/gamma.js';
import { standardNormal } from './random/normal.js';
import type { Random } from './random/random.js';
import { weightedRecord } from './random/weighted-choice.js';
import type { World } from './world.js';

export type Segment = 'prospect' | 'buyer' | 'member';
export type ProspectPath = 'anonymous' | 'lead' | 'signup';
export type AcquisitionChannel = 'organic' | 'paid_search' | 'social' | 'email' | 'referral' | 'affiliate';
export type Platform = 'web' | 'ios' | 'android';

export interface Profile {
  index: number;
  customerId: string;
  identity: Identity;
  /** `prospect`: never pays; `buyer`: places orders (and may subscribe); `member`: subscribes without ordering. */
  segment: Segment;
  prospectPath: ProspectPath | null;
  channel: AcquisitionChannel;
  campaign: string;
  platform: Platform;
  /** Start of the visit in which they identify (for anonymous visitors: their first visit). */
  firstContact: number;
  /** Creates an account (`signed_up`), rather than checking out as a guest or only leaving an e-mail. */
  hasAccount: boolean;
  /** Came from visits that need linking: an anonymous id exists before the identify. */
  anonymousHistory: boolean;
  /** Links the anonymous id with an `alias` call before the identify (otherwise the identify carries both ids). */
  linksByAlias: boolean;
  currency: Currency;
  incomeBand: string;
  /** BG/NBD purchase rate per week and drop-out probability after each repeat order. */
  purchaseRate: number;
  dropout: number;
  /** Gamma-Gamma rate ν: order values are Gamma(p, ν) in USD. */
  spendRate: number;
  /** 0..1: how strongly this person waits for sales and uses coupons. */
  discountAffinity: number;
  /** A standard-normal "how happy are they with us" that colours surveys, reviews and referrals. */
  satisfaction: number;
  supportHeavy: boolean;
  subscription: SubscriptionKind | null;
  favourite: Product;
  referral: Booking | null;
}

const pickChannel = weightedRecord<AcquisitionChannel>({ organic: 30, paid_search: 22, social: 18, email: 8, referral: 4, affiliate: 8 });
// Social and e-mail bring more browsers who never buy; referred friends buy most. Averages to about 35%.
const prospectShare: Record<AcquisitionChannel, number> = { organic: 0.34, paid_search: 0.33, social: 0.44, email: 0.36, referral: 0.23, affiliate: 0.31 };
const pickProspectPath = weightedRecord<ProspectPath>(demoShares.prospectPaths);
const campaignThemes: Record<AcquisitionChannel, readonly string[]> = {
  organic: ['seo-brew-guides', 'seo-products'],
  paid_search: ['brand', 'generic-coffee', 'espresso-gear'],
  social: ['reels-brewing', 'gift-ideas', 'creator-stories'],
  email: ['partner-newsletter', 'co-registration'],
  referral: ['word-of-mouth'],
  affiliate: ['coffee-blogs', 'deal-sites', 'cashback'],
};
const platformByAge: Record<'young' | 'middle' | 'older', (random: Random) => Platform> = {
  young: weightedRecord<Platform>({ web: 40, ios: 35, android: 25 }),
  middle: weightedRecord<Platform>({ web: 55, ios: 25, android: 20 }),
  older: weightedRecord<Platform>({ web: 75, ios: 12, android: 13 }),
};
const incomeBands = ['<25k', '25-50k', '50-75k', '75-100k', '100-150k', '150k+'];

// The business grows (twice as many new customers at the end as at the start) and peaks before Christmas.
const seasonal = [0.9, 0.85, 0.95, 1, 1, 0.95, 0.9, 0.9, 1, 1.1, 1.35, 1.5];
function acquisitionTime(random: Random, window: DemoWindow): number {
  const span = window.end - window.start;
  for (;;) {
    const at = window.start + random.next() * span;
    const growth = 0.55 + 0.9 * ((at - window.start) / span);
    const weight = growth * (seasonal[new Date(at).getUTCMonth()] ?? 1);
    if (random.next() * 2.2 < weight) return at;
  }
}

function campaignName(random: Random, channel: AcquisitionChannel, at: number): string {
  const date = new Date(at);
  const themes = campaignThemes[channel];
  return `${themes[random.int(themes.length)]}-${date.getUTCFullYear()}q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

export function drawProfile(world: World, index: number, random: Random, referral: Booking | undefined): Profile {
  const identity = drawIdentity(world.seed, index);
  const { bgnbd, gammaGamma } = demoParameters;
  const channel: AcquisitionChannel = referral ? 'referral' : pickChannel(random);
  const prospectOdds = referral ? 0.2 : prospectShare[channel];
  const segment: Segment = random.chance(prospectOdds) ? 'prospect' : random.chance(demoShares.memberOfPaying) ? 'member' : 'buyer';
  const prospectPath = segment === 'prospect' ? pickProspectPath(random) : null;

  let firstContact = referral ? referral.arrivesAt : acquisitionTime(random, world.window);
  firstContact = referral ? firstContact : onLocalDay(random, firstContact, identity.country.utcOffset);
  // The visit must start inside the window (the local-hour shift can move it across midnight UTC).
  firstContact = Math.min(Math.max(firstContact, world.window.start + HOUR), world.window.end - HOUR);

  const purchaseRate = gamma(random, bgnbd.r, 1 / bgnbd.alpha);
  const dropout = beta(random, bgnbd.a, bgnbd.b);
  const spendRate = gamma(random, gammaGamma.q, 1 / gammaGamma.gamma);
  const meanDropout = bgnbd.a / (bgnbd.a + bgnbd.b);
  const sdDropout = Math.sqrt((bgnbd.a * bgnbd.b) / ((bgnbd.a + bgnbd.b) ** 2 * (bgnbd.a + bgnbd.b + 1)));
  // Happier buyers stay longer: satisfaction is tied to a low drop-out probability without changing its Beta law.
  const satisfaction = segment === 'buyer' ? 0.5 * ((meanDropout - dropout) / sdDropout) + 0.87 * standardNormal(random) : standardNormal(random);

  // Income follows spend loosely: a log-spend score plus noise picks the band.
  const spendScore = Math.log(gammaGamma.p / spendRate / 40) / 0.45;
  const incomeIndex = Math.min(5, Math.max(0, Math.round(2.2 + 0.8 * spendScore + standardNormal(random))));
  const incomeBand = incomeBands[incomeIndex] as string;

  const ageBand = identity.ageBand;
  const age = ageBand === '18-24' || ageBand === '25-34' ? 'young' : ageBand === '55-64' || ageBand === '65+' ? 'older' : 'middle';
  const platform = platformByAge[age](random);
  const paysLocally = identity.country.currency !== 'USD' && random.chance(0.6);
  const discountBoost = (channel === 'affiliate' || channel === 'social' ? 0.1 : 0) + (incomeIndex <= 1 ? 0.08 : 0);
  const discountAffinity = Math.min(0.9, beta(random, 1.2, 4.5) + discountBoost);

  const anonymousHistory = channel === 'paid_search' || channel === 'social' || channel === 'affiliate' || prospectPath === 'anonymous' || random.chance(0.7);
  let subscription: SubscriptionKind | null = null;
  if (segment === 'member') subscription = random.chance(0.85) ? 'service' : 'product';
  else if (segment === 'buyer' && random.chance(demoShares.subscriberOfBuyers)) subscription = random.chance(0.55) ? 'product' : 'service';

  return {
    index,
    customerId: customerIdOf(index),
    identity,
    segment,
    prospectPath,
    channel,
    campaign: referral ? `refer-a-friend-${new Date(firstContact).getUTCFullYear()}` : campaignName(random, channel, firstContact),
    platform,
    firstContact,
    hasAccount: segment === 'member' || prospectPath === 'signup' || (segment === 'buyer' && random.chance(0.65)),
    anonymousHistory,
    linksByAlias: anonymousHistory && random.chance(0.2),
    currency: paysLocally ? identity.country.currency : 'USD',
    incomeBand,
    purchaseRate,
    dropout,
    spendRate,
    discountAffinity,
    satisfaction,
    supportHeavy: random.chance(demoShares.supportHeavy),
    subscription,
    favourite: pickFavourite(random),
    referral: referral ?? null,
  };
}

