/**
 * How a person arrives: marketing touches and anonymous visits, then (unless they stay anonymous) the
 * identify that names them, with an `alias` first for some, and a sign-up or lead capture.
 */
import { DAY, MINUTE, SECOND, isoDate } from './calendar.js';
import { marketingTouch } from './marketing.js';
import type { PersonContext } from './person-context.js';
import { exponential } from './random/exponential.js';
import { poisson } from './random/poisson.js';
import type { Random } from './random/random.js';
import { weightedRecord } from './random/weighted-choice.js';
import { browse, type VisitSource } from './visits.js';

const pickEarlierChannel = weightedRecord({ paid_search: 30, social: 30, email: 15, organic: 15, affiliate: 10 });
const earlierCampaign: Record<string, string> = { paid_search: 'generic-search', social: 'prospecting-video', email: 'partner-newsletter', organic: 'seo-brew-guides', affiliate: 'coffee-blogs' };
const pickLeadSource = weightedRecord({ newsletter_popup: 45, quiz: 20, giveaway: 20, webinar: 15 });

function anonymousIdFor(random: Random): string {
  const hex = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
  return `anon-${hex(random.next() * 4294967296)}${hex(random.next() * 4294967296)}`;
}

/**
 * Earlier visits (each a few days before the next), each started by a touch when it came from a paid
 * channel. The last one is the visit in which the person identifies, if they do.
 */
function anonymousVisits(context: PersonContext, random: Random, firstVisit: number, count: number, untilIdentify: boolean): number {
  const { profile } = context;
  const starts: number[] = [firstVisit];
  for (let i = 1; i < count; i++) starts.unshift((starts[0] as number) - exponential(random, 1 / (4 * DAY)) - MINUTE * 30);
  let end = firstVisit;
  starts.forEach((start, i) => {
    const isLast = i === starts.length - 1;
    const channel = isLast ? profile.channel : pickEarlierChannel(random);
    const source: VisitSource = { channel, campaign: isLast ? profile.campaign : earlierCampaign[channel] ?? 'prospecting' };
    if (channel !== 'organic' || random.chance(0.5)) marketingTouch(context, random, start - SECOND * (3 + random.int(20)), channel, source.campaign as string);
    // Carts are abandoned in earlier visits; in the identify visit the person is about to sign up or buy.
    end = browse(context, random, start, source, !(isLast && untilIdentify));
  });
  return end;
}

export function acquire(context: PersonContext): void {
  const { profile, log } = context;
  const random = context.random.acquisition;
  if (profile.anonymousHistory) log.anonymousId = anonymousIdFor(random);

  if (profile.prospectPath === 'anonymous') {
    const visits = 1 + poisson(random, 0.6);
    let at = profile.firstContact;
    for (let i = 0; i < visits; i++) {
      const source: VisitSource = i === 0 ? { channel: profile.channel, campaign: profile.campaign } : { channel: 'direct', campaign: null };
      if (i === 0 && profile.channel !== 'organic') marketingTouch(context, random, at - SECOND * 4, profile.channel, profile.campaign);
      at = browse(context, random, at, source, true) + exponential(random, 1 / (6 * DAY)) + MINUTE * 30;
    }
    context.activeUntil = at;
    return;
  }

  let identifyAt = profile.firstContact;
  if (profile.anonymousHistory) {
    // A referred friend comes because of the referral: no earlier visits to link.
    const visits = profile.referral ? 1 : 1 + poisson(random, 0.45);
    identifyAt = anonymousVisits(context, random, profile.firstContact, visits, true) + SECOND * (10 + random.int(60));
  }
  log.identifiedAt = identifyAt;
  if (profile.linksByAlias) log.add('alias', identifyAt - SECOND);
  const { identity } = profile;
  const traits: Record<string, unknown> = {
    name: identity.name,
    email: identity.email,
    age_band: identity.ageBand,
    country: identity.country.code,
    city: identity.city,
    income_band: profile.incomeBand,
    signup_date: isoDate(identifyAt),
    acquisition_channel: profile.channel,
  };
  if (identity.gender !== null) traits.gender = identity.gender;
  if (profile.referral) traits.referred_by = profile.referral.referrerId;
  log.add('identify', identifyAt, { channel: profile.channel, platform: profile.platform, properties: traits });

  if (profile.hasAccount) {
    log.add('signed_up', identifyAt + SECOND * 2, { channel: profile.channel, platform: profile.platform, properties: { campaign: profile.campaign, method: random.chance(0.7) ? 'email' : 'google' } });
  } else if (profile.prospectPath === 'lead' || (profile.segment === 'buyer' && random.chance(0.1))) {
    log.add('lead_captured', identifyAt + SECOND * 2, { channel: profile.channel, platform: profile.platform, properties: { campaign: profile.campaign, source: pickLeadSource(random) } });
  }
  context.activeUntil = identifyAt + 30 * DAY;
}
