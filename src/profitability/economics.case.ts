/**
 * A few customers whose profitability and channels are worked out by hand in customer-profitability.test.ts
 * and channel-report.test.ts: marketing touches before and after a first order (one made anonymously and
 * linked), order lines with and without costs, a refund, tickets, a prospect, a subscriber.
 */
import type { CanonicalEvent } from '../domain/event.js';
import { event } from '../lifecycle/histories.case.js';

const touch = (customer: string | null, at: string, channel: string, platform: string, cost: string, anonymousId: string | null = null) =>
  event('marketing_touch', customer, at, { anonymousId, amount: cost, channel, platform, properties: { channel } });

export const economics: CanonicalEvent[] = [
  // ann: an ad click before she identified herself (2.00), an e-mail click (0.50), then her first order:
  // 2 x 40 (listed at 50, cost 15) and 1 x 20 (no cost). 10 refunded, one ticket, a later touch that is not acquisition.
  touch(null, '2025-12-01', 'paid_search', 'web', '2.00', 'a-ann'),
  event('identify', 'ann', '2025-12-02', { anonymousId: 'a-ann' }),
  touch('ann', '2025-12-10', 'email', 'ios', '0.50'),
  event('order_completed', 'ann', '2025-12-15', {
    orderId: 'o1', amount: '100.00',
    properties: { products: [{ product_id: 'p1', quantity: 2, price: 40, list_price: 50, cost: 15 }, { product_id: 'p2', quantity: 1, price: 20 }] },
  }),
  touch('ann', '2026-01-05', 'email', 'ios', '1.00'),
  event('support_ticket_opened', 'ann', '2026-01-10', { properties: { ticket_id: 't1' } }),
  event('order_refunded', 'ann', '2026-01-12', { orderId: 'o1', amount: '10.00' }),
  // bob: one order of 30 without line items, two tickets, no touches.
  event('order_completed', 'bob', '2026-01-20', { orderId: 'o2', amount: '30.00' }),
  event('support_ticket_opened', 'bob', '2026-01-21', { properties: { ticket_id: 't2' } }),
  event('support_ticket_opened', 'bob', '2026-01-22', { properties: { ticket_id: 't3' } }),
  // cara: a prospect, touched but never bought. dan: a subscription of 15.
  touch('cara', '2026-01-25', 'social', 'android', '1.20'),
  event('subscription_started', 'dan', '2026-01-03', { amount: '15.00', properties: { subscription_id: 's1', plan: 'basic', kind: 'service', interval: 'month', interval_count: 1 } }),
];

