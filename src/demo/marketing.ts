/**
 * Marketing touches: the ad clicks, affiliate links and e-mail clicks that bring people in or back,
 * each with what it cost the shop (in the reporting currency).
 */
import { centsToDecimal, reportingCurrency } from './money.js';
import type { PersonContext } from './person-context.js';
import { gamma } from './random/gamma.js';
import type { Random } from './random/random.js';

// Mean cost of one touch in USD: paid clicks cost most, e-mail almost nothing, organic and referral nothing.
const meanCost: Record<string, number> = { paid_search: 1.6, social: 0.8, affiliate: 1.2, email: 0.03 };

export function marketingTouch(context: PersonContext, random: Random, at: number, channel: string, campaign: string): void {
  const mean = meanCost[channel];
  const cents = mean === undefined ? 0 : Math.max(1, Math.round(gamma(random, 2, mean / 2) * 100));
  context.log.add('marketing_touch', at, {
    amount: cents > 0 ? centsToDecimal(cents) : null,
    currency: cents > 0 ? reportingCurrency : null,
    channel,
    platform: context.profile.platform,
    properties: { campaign },
  });
}

/** A campaign name for a retention e-mail sent around `at`, e.g. `newsletter-2025-11`. */
export function newsletterCampaign(at: number, winBack: boolean): string {
  const date = new Date(at);
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `${winBack ? 'win-back' : 'newsletter'}-${date.getUTCFullYear()}-${month}`;
}
