/**
 * A small hand-built population for the lookalike tests: 6 high-value customers mostly from referrals in
 * Germany, 6 one-order customers mostly from ads in France, 4 prospects, and what h1 did after its first
 * order (which must change nothing). The weights and scores below are worked out by hand.
 */
import type { CanonicalEvent } from '../domain/event.js';
import { event } from '../lifecycle/histories.case.js';

export const asOf = '2024-06-30';
const order = (id: string, at: string, amount: string) => event('order_completed', id, at, { amount, fullPrice: true });
const visit = (id: string | null, at: string, channel: string, anonymousId: string | null = null) => event('page_viewed', id, at, { channel, anonymousId });
export const identify = (id: string, at: string, country: string) => event('identify', id, at, { properties: { country, email: `${id}@example.com` } });

// High value: 3 full-price orders of 100.00 over 82 days (Jan 10 to Apr 1). Referral 5, ads 1; DE 4, FR 2.
export const high = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].flatMap((id, i): CanonicalEvent[] => [
  visit(id, '2024-01-05', i < 5 ? 'referral' : 'ads'),
  identify(id, '2024-01-06', i < 4 ? 'DE' : 'FR'),
  order(id, '2024-01-10', '100.00'),
  order(id, '2024-02-20', '100.00'),
  order(id, '2024-04-01', '100.00'),
]);
// Others: one order of 20.00 each (one order is never high value). Ads 5, referral 1; FR 4, DE 1, NL 1.
export const others = ['o1', 'o2', 'o3', 'o4', 'o5', 'o6'].flatMap((id, i): CanonicalEvent[] => [
  visit(id, '2024-02-25', i < 5 ? 'ads' : 'referral'),
  identify(id, '2024-02-26', i < 4 ? 'FR' : i === 4 ? 'DE' : 'NL'),
  order(id, '2024-03-01', '20.00'),
]);
// After h1's first order: none of this is what h1 looked like as a prospect.
export const afterFirstOrder: CanonicalEvent[] = [
  identify('h1', '2024-01-11', 'US'),
  event('signed_up', 'h1', '2024-01-12'),
  ...Array.from({ length: 7 }, () => event('product_viewed', 'h1', '2024-01-15', { properties: { product_id: 'p' } })),
  visit('h1', '2024-01-10T18:00:00Z', 'email'),
];
export const prospects: CanonicalEvent[] = [
  visit('p1', '2024-05-01', 'referral'), identify('p1', '2024-05-01', 'DE'),
  visit('p2', '2024-05-02', 'ads'), identify('p2', '2024-05-02', 'FR'),
  visit(null, '2024-05-03', 'referral', 'anon-p3'), // never linked: an anonymous prospect in the reach stage
  visit('p4', '2024-05-04', 'email'), identify('p4', '2024-05-04', 'NL'), event('signed_up', 'p4', '2024-05-04'),
];

// Median average order of the 12 purchasers: six 20.00s and six 100.00s, (20 + 100) / 2 = 60; the h's 100 > 60.
// Both groups have 6 customers: the prior log(6 / 6) = 0. With add-one smoothing over the K values seen among customers:
//   channel (K = 2, 6 known in each group): referral  log((5+1)/8) - log((1+1)/8) = log 3;   ads  log(2/8) - log(6/8) = -log 3
//   country (K = 3: DE, FR, NL):            DE  log((4+1)/9) - log((1+1)/9) = log(5/2);   FR  log(3/9) - log(5/9) = log(3/5);
//                                           NL  log(1/9) - log(2/9) = log(1/2)
//   every other attribute has the same value for all 12 (page_views 1, the rest 0 or none): log(7/7) - log(7/7) = 0.
// p4's channel email and sign-up were never seen among customers (h1's came after its first order): no weight.
export const logits = { p1: Math.log(3) + Math.log(5 / 2), p2: -Math.log(3) + Math.log(3 / 5), 'anon-p3': Math.log(3), p4: Math.log(1 / 2) };
// Scores 1 / (1 + exp(-logit)): p1 7.5 / 8.5, p3 3 / 4, p4 1 / 3, p2 (1/5) / (6/5) = 1 / 6.
// Percentiles (the share of the 3 others scoring lower, times 100): p1 100, p3 66.67, p4 33.33, p2 0.

