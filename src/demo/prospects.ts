/**
 * What known prospects do after they identify without buying: come back to look, click newsletters,
 * sometimes fill a cart and leave it.
 */
import { DAY, MINUTE, SECOND } from './calendar.js';
import { marketingTouch, newsletterCampaign } from './marketing.js';
import type { PersonContext } from './person-context.js';
import { exponential } from './random/exponential.js';
import { poisson } from './random/poisson.js';
import { browse, type VisitSource } from './visits.js';

export function prospectReturns(context: PersonContext): void {
  const { profile, log } = context;
  if (profile.segment !== 'prospect' || profile.prospectPath === 'anonymous') return;
  const random = context.random.acquisition;
  const returns = poisson(random, profile.prospectPath === 'lead' ? 1.1 : 0.8);
  let at = log.identifiedAt;
  for (let i = 0; i < returns; i++) {
    at += exponential(random, 1 / (12 * DAY)) + 30 * MINUTE;
    let source: VisitSource = { channel: 'direct', campaign: null };
    if (random.chance(profile.prospectPath === 'lead' ? 0.6 : 0.3)) {
      source = { channel: 'email', campaign: newsletterCampaign(at, false) };
      marketingTouch(context, random, at - SECOND * 8, 'email', source.campaign as string);
    }
    at = browse(context, random, at, source, true);
  }
  context.activeUntil = Math.max(context.activeUntil, at + 14 * DAY);
}
