/**
 * Hand-built customer histories with what each one is, as of several dates: every active type, every
 * stage, skipped and backward moves, the subscription rule, activity by support alone, outbound contacts
 * that do not count, anonymous prospects and their link, and the boundary days of the windows. Each
 * expectation follows from the rules in docs/lifecycle.md; the comments do the day arithmetic.
 */
import type { CanonicalEvent } from '../domain/event.js';
import type { EventKind } from '../domain/event-kinds.js';
import type { ConfigInput } from '../config/config-schema.js';
import type { ActiveType, Stage, Status } from './classify.js';

/** An event of `kind` at noon UTC on a day (`YYYY-MM-DD`) or at an ISO instant, with any other fields given. */
export function event(kind: EventKind, customerId: string | null, at: string, fields: Partial<CanonicalEvent> = {}): CanonicalEvent {
  return {
    eventId: null,
    kind,
    customerId,
    anonymousId: null,
    occurredAt: new Date(at.length === 10 ? `${at}T12:00:00Z` : at),
    amount: null,
    currency: null,
    rate: null,
    orderId: null,
    channel: null,
    platform: null,
    fullPrice: null,
    properties: null,
    ...fields,
  };
}

const order = (customerId: string, at: string, amount = '30.00', fullPrice = true) => event('order_completed', customerId, at, { amount, fullPrice });
const monthly = (from: string, count: number, day: number) =>
  Array.from({ length: count }, (_, i) => {
    const start = new Date(`${from}T00:00:00Z`);
    return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i, day)).toISOString().slice(0, 10);
  });
const subscription = (kind: 'subscription_started' | 'subscription_renewed' | 'subscription_cancelled', customerId: string, at: string, properties: Record<string, unknown>, amount: string | null = null) =>
  event(kind, customerId, at, { amount, properties });

const coffee = { subscription_id: 'sub-box', plan: 'coffee-box', kind: 'product', interval: 'month', interval_count: 1 };
const yearly = { subscription_id: 'sub-year', plan: 'premium-yearly', kind: 'service', interval: 'year', interval_count: 1 };

export const histories: CanonicalEvent[] = [
  // A single full-price order on March 1st.
  order('shopper', '2024-03-01'),
  // Monthly orders for a year, a referral and a five-star review: loyalty, until the buying stops.
  ...monthly('2023-01-01', 13, 15).map((day) => order('advocate', day)),
  event('referral_made', 'advocate', '2023-11-01', { properties: { referred_email: 'friend@example.com' } }),
  event('review_submitted', 'advocate', '2023-12-01', { properties: { rating: 5 } }),
  // Monthly orders for two years and one promoter score early on: loyalty until the score is a year old.
  ...monthly('2023-01-01', 24, 10).map((day) => order('quiet-loyal', day)),
  event('survey_answered', 'quiet-loyal', '2023-02-01', { properties: { nps: 10 } }),
  // Known, and active only through support tickets.
  event('identify', 'support-only', '2024-05-01', { properties: { name: 'Sue' } }),
  event('support_ticket_opened', 'support-only', '2024-05-10', { properties: { ticket_id: 't1' } }),
  event('support_ticket_opened', 'support-only', '2024-05-20', { properties: { ticket_id: 't2' } }),
  // An inbound email, then an outbound call that is no sign of the customer's activity.
  event('contact', 'contact-person', '2024-04-01', { channel: 'email', properties: { channel: 'email', direction: 'inbound' } }),
  event('contact', 'contact-person', '2024-04-10', { channel: 'phone', properties: { channel: 'phone', direction: 'outbound' } }),
  // A yearly service membership bought once.
  subscription('subscription_started', 'annual-member', '2023-06-01', yearly, '120.00'),
  // A monthly coffee box, renewed twice, cancelled before the third renewal.
  subscription('subscription_started', 'box-subscriber', '2024-01-10', coffee, '20.00'),
  subscription('subscription_renewed', 'box-subscriber', '2024-02-10', coffee, '20.00'),
  subscription('subscription_renewed', 'box-subscriber', '2024-03-10', coffee, '20.00'),
  subscription('subscription_cancelled', 'box-subscriber', '2024-03-25', { ...coffee, reason: 'too_much_coffee' }),
  // A visitor never identified, and one who becomes a lead.
  event('page_viewed', null, '2024-02-01', { anonymousId: 'anon-9', channel: 'direct' }),
  event('product_viewed', null, '2024-02-02', { anonymousId: 'anon-9', properties: { product_id: 'sku-1' } }),
  event('page_viewed', null, '2024-01-05', { anonymousId: 'anon-7', channel: 'search' }),
  event('identify', 'lead-7', '2024-02-01T12:00:00Z', { anonymousId: 'anon-7', properties: { email: 'lead7@example.com', country: 'NL' } }),
  event('lead_captured', 'lead-7', '2024-02-01T12:05:00Z', { properties: { source: 'newsletter' } }),
  // Two orders, eleven months of silence, and back.
  order('returner', '2023-01-10'),
  order('returner', '2023-02-10'),
  order('returner', '2024-01-05'),
  // An order every five days, then a pause.
  ...['2024-03-01', '2024-03-06', '2024-03-11', '2024-03-16', '2024-03-21'].map((day) => order('weekly', day)),
  // Two orders; a model fit as of March 31st gives a probability alive of 0.2 (see scoredFit).
  order('scored', '2024-03-01'),
  order('scored', '2024-03-10'),
  // A first order without any contact before it (reach and acquisition skipped), then monthly orders and a referral.
  ...['2024-01-02', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01'].map((day) => order('jumper', day)),
  event('referral_made', 'jumper', '2024-04-15'),
];

/** A model fit as of 2024-03-31 that scores `scored` with probability alive 0.2. */
export const scoredFit = {
  fit: `INSERT INTO model_fits (fit_id, created_at, as_of, data_from, data_to, purchase_model, model_unit_days, purchase_fit, options)
        VALUES (1, TIMESTAMP '2024-04-01 00:00:00', DATE '2024-03-31', DATE '2024-03-01', DATE '2024-03-31', 'bgnbd', 7, '{}', '{}')`,
  scores: `INSERT INTO customer_scores (fit_id, customer_id, expected_purchases, probability_alive, expected_order_value, clv, historical_revenue)
        VALUES (1, 'scored', 0.4, 0.2, 30, 12, 60)`,
};

export interface Expectation {
  customer: string;
  asOf: string;
  config?: ConfigInput;
  /** `null`: the customer does not exist yet as of the date. */
  expected: { active: boolean; activeTypes: ActiveType[]; stage: Stage; status: Status | null; anonymous?: boolean } | null;
  /** Words the reasons must contain. */
  reasons?: { active?: string; stage?: string; status?: string };
}

const subscriptionPreset: ConfigInput = { preset: 'subscription' };

export const expectations: Expectation[] = [
  // Window 30 days: an order on March 1st counts through March 30th (days 0..29), not on the 31st.
  { customer: 'shopper', asOf: '2024-02-29', expected: null },
  { customer: 'shopper', asOf: '2024-03-01', expected: { active: true, activeTypes: ['recent_purchaser'], stage: 'conversion', status: 'active' } },
  {
    customer: 'shopper', asOf: '2024-03-30', expected: { active: true, activeTypes: ['recent_purchaser'], stage: 'conversion', status: 'active' },
    reasons: { active: 'order_completed on 2024-03-01, within the 30-day activity window' },
  },
  { customer: 'shopper', asOf: '2024-03-31', expected: { active: false, activeTypes: [], stage: 'conversion', status: 'at_risk' }, reasons: { active: 'was 30 days before' } },
  // Lapsed after 180 days without activity: March 1st + 180 days is August 28th.
  { customer: 'shopper', asOf: '2024-08-27', expected: { active: false, activeTypes: [], stage: 'conversion', status: 'at_risk' } },
  { customer: 'shopper', asOf: '2024-08-28', expected: { active: false, activeTypes: [], stage: 'conversion', status: 'lapsed' }, reasons: { status: 'no activity for 180 days' } },

  // 13 orders from 2023-01-15 to 2024-01-15 (a 30.4-day rhythm), a referral and a good review in late 2023.
  {
    customer: 'advocate', asOf: '2024-01-20', expected: { active: true, activeTypes: ['recent_purchaser', 'loyal'], stage: 'loyalty', status: 'active' },
    reasons: { stage: 'and advocacy in the last 365 days: 1 referral, 1 review rated 4+' },
  },
  // Inactive, but within 365 days: 8 orders from 2023-06-15 spanning 214 days, the referral and the review.
  { customer: 'advocate', asOf: '2024-06-01', expected: { active: false, activeTypes: [], stage: 'loyalty', status: 'at_risk' } },
  // Back to retention when the buying stops: from 2023-11-17 only 2 orders (Dec 15, Jan 15), both repeats.
  { customer: 'advocate', asOf: '2024-11-15', expected: { active: false, activeTypes: [], stage: 'retention', status: 'lapsed' }, reasons: { stage: '2 repeat orders in the last 365 days' } },
  // ... and to conversion when there is no repeat order within 365 days either (the last was 2024-01-15).
  { customer: 'advocate', asOf: '2025-01-20', expected: { active: false, activeTypes: [], stage: 'conversion', status: 'lapsed' } },

  // NPS 10 on 2023-02-01 is advocacy for 365 days (to 2024-01-31); the buying goes on, so back to retention.
  { customer: 'quiet-loyal', asOf: '2023-12-31', expected: { active: true, activeTypes: ['recent_purchaser', 'loyal'], stage: 'loyalty', status: 'active' }, reasons: { stage: 'NPS 10' } },
  { customer: 'quiet-loyal', asOf: '2024-03-01', expected: { active: true, activeTypes: ['recent_purchaser', 'loyal'], stage: 'retention', status: 'active' }, reasons: { stage: 'no advocacy for loyalty' } },

  // One support ticket makes an identified customer active; two within the window make the support type.
  { customer: 'support-only', asOf: '2024-05-15', expected: { active: true, activeTypes: [], stage: 'acquisition', status: 'active' }, reasons: { active: 'support_ticket_opened on 2024-05-10', stage: 'identify on 2024-05-01' } },
  { customer: 'support-only', asOf: '2024-05-25', expected: { active: true, activeTypes: ['support_service'], stage: 'acquisition', status: 'active' } },
  { customer: 'support-only', asOf: '2024-06-18', expected: { active: true, activeTypes: [], stage: 'acquisition', status: 'active' } },
  { customer: 'support-only', asOf: '2024-06-19', expected: { active: false, activeTypes: [], stage: 'acquisition', status: 'at_risk' } },

  // The inbound email counts (through April 30th); the outbound call on April 10th does not.
  { customer: 'contact-person', asOf: '2024-04-12', expected: { active: true, activeTypes: ['contact'], stage: 'acquisition', status: 'active' }, reasons: { active: 'contact on 2024-04-01' } },
  { customer: 'contact-person', asOf: '2024-05-01', expected: { active: false, activeTypes: [], stage: 'acquisition', status: 'at_risk' } },

  // A shop counts purchases, tickets and contacts: a subscription alone is a conversion, never activity.
  { customer: 'annual-member', asOf: '2024-03-01', expected: { active: false, activeTypes: [], stage: 'conversion', status: null } },
  // "Active while subscribed": paid 2023-06-01 for 366 days covers to 2024-05-31, plus 3 days' grace.
  {
    customer: 'annual-member', asOf: '2024-03-01', config: subscriptionPreset,
    expected: { active: true, activeTypes: ['service_subscriber'], stage: 'conversion', status: 'active' },
    reasons: { active: 'subscribed (activity.whileSubscribed): service subscription paid on 2023-06-01 for 366 days; live through 2024-06-03' },
  },
  { customer: 'annual-member', asOf: '2024-06-03', config: subscriptionPreset, expected: { active: true, activeTypes: ['service_subscriber'], stage: 'conversion', status: 'active' } },
  { customer: 'annual-member', asOf: '2024-06-04', config: subscriptionPreset, expected: { active: false, activeTypes: [], stage: 'conversion', status: 'lapsed' } },

  // Renewed on Feb 10th: retention. Cancelled after the March 10th payment: access to the end of that
  // period (31 days: through April 9th), with no grace; the renewal itself left the window on April 9th.
  { customer: 'box-subscriber', asOf: '2024-02-20', config: subscriptionPreset, expected: { active: true, activeTypes: ['product_subscriber'], stage: 'retention', status: 'active' } },
  {
    customer: 'box-subscriber', asOf: '2024-04-09', config: subscriptionPreset, expected: { active: true, activeTypes: ['product_subscriber'], stage: 'retention', status: 'active' },
    reasons: { active: 'product subscription paid on 2024-03-10 for 31 days, cancelled; access until 2024-04-09' },
  },
  { customer: 'box-subscriber', asOf: '2024-04-10', config: subscriptionPreset, expected: { active: false, activeTypes: [], stage: 'retention', status: 'at_risk' } },
  // Access ending at the cancellation: still active through the renewal event, but no longer a subscriber.
  {
    customer: 'box-subscriber', asOf: '2024-03-26', config: { preset: 'subscription', subscriptions: { accessAfterCancel: 'none' } },
    expected: { active: true, activeTypes: [], stage: 'retention', status: 'active' },
  },
  { customer: 'box-subscriber', asOf: '2024-02-20', expected: { active: false, activeTypes: [], stage: 'retention', status: null } },

  // An anonymous visitor is reach; a linked one becomes the customer from the link on.
  { customer: 'anon-9', asOf: '2024-03-01', expected: { active: false, activeTypes: [], stage: 'reach', status: null, anonymous: true }, reasons: { stage: 'seen (2 events)' } },
  { customer: 'anon-7', asOf: '2024-01-20', expected: { active: false, activeTypes: [], stage: 'reach', status: null, anonymous: true } },
  { customer: 'lead-7', asOf: '2024-01-20', expected: null },
  { customer: 'anon-7', asOf: '2024-02-05', expected: null },
  { customer: 'lead-7', asOf: '2024-02-05', expected: { active: false, activeTypes: [], stage: 'acquisition', status: null }, reasons: { stage: 'identify on 2024-02-01' } },

  // Orders 2023-01-10 and 2023-02-10 (a 31-day rhythm), then silence, then back on 2024-01-05.
  { customer: 'returner', asOf: '2023-03-01', expected: { active: true, activeTypes: ['recent_purchaser'], stage: 'retention', status: 'active' } },
  { customer: 'returner', asOf: '2023-04-15', expected: { active: false, activeTypes: [], stage: 'retention', status: 'at_risk' } },
  { customer: 'returner', asOf: '2023-09-01', expected: { active: false, activeTypes: [], stage: 'retention', status: 'lapsed' } },
  {
    customer: 'returner', asOf: '2024-01-10', expected: { active: true, activeTypes: ['recent_purchaser'], stage: 'retention', status: 'reactivated' },
    reasons: { status: 'back on 2024-01-05 after 329 days without activity' },
  },

  // Every five days; 15 days after the last order is more than twice the rhythm, though still in the window.
  { customer: 'weekly', asOf: '2024-03-25', expected: { active: true, activeTypes: ['recent_purchaser'], stage: 'retention', status: 'active' } },
  { customer: 'weekly', asOf: '2024-04-05', expected: { active: true, activeTypes: ['recent_purchaser'], stage: 'retention', status: 'at_risk' }, reasons: { status: 'more than 2 x the usual 5.0 days between orders' } },

  // The fit as of March 31st says 0.2 alive; before it existed, the rhythm decides.
  { customer: 'scored', asOf: '2024-04-01', expected: { active: true, activeTypes: ['recent_purchaser'], stage: 'retention', status: 'at_risk' }, reasons: { status: 'probability alive 0.20 below 0.5 (model fit as of 2024-03-31)' } },
  { customer: 'scored', asOf: '2024-03-20', expected: { active: true, activeTypes: ['recent_purchaser'], stage: 'retention', status: 'active' } },

  // Straight to conversion (no reach or acquisition), then straight on to loyalty: 5 purchases over 120 days and a referral.
  { customer: 'jumper', asOf: '2024-01-10', expected: { active: true, activeTypes: ['recent_purchaser'], stage: 'conversion', status: 'active' } },
  { customer: 'jumper', asOf: '2024-05-10', expected: { active: true, activeTypes: ['recent_purchaser', 'loyal'], stage: 'loyalty', status: 'active' } },
];
