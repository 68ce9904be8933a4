/**
 * A small subscription business whose MRR is worked out by hand in mrr-report.test.ts: an upgrade
 * mid-period, a yearly plan, a refund, cancel and come back in the same month, a trial, a subscription
 * never renewed, a pause and a resume.
 */
import type { CanonicalEvent } from '../domain/event.js';
import { event } from '../lifecycle/histories.case.js';

type Kind = 'subscription_started' | 'subscription_renewed' | 'subscription_changed' | 'subscription_cancelled';
export const sub = (kind: Kind, customer: string, at: string, id: string, plan: string, amount: string | null, more: Record<string, unknown> = {}) =>
  event(kind, customer, at, { amount, properties: { subscription_id: id, plan, kind: 'service', interval: 'month', interval_count: 1, ...more } });

// Monthly plans unless said; grace 3 days; a cancellation ends the subscription at the end of the period paid for.
export const business: CanonicalEvent[] = [
  // alice: basic 30 from 10 January, upgraded to pro 50 on 20 February (expansion), renewed at 50 on 10 March.
  sub('subscription_started', 'alice', '2026-01-10', 'a1', 'basic', '30.00'),
  sub('subscription_renewed', 'alice', '2026-02-10', 'a1', 'basic', '30.00'),
  sub('subscription_changed', 'alice', '2026-02-20', 'a1', 'pro', '50.00'),
  sub('subscription_renewed', 'alice', '2026-03-10', 'a1', 'pro', '50.00'),
  // bob: a yearly plan of 120 from 15 December 2025: 10 a month, in the opening MRR; a refund changes nothing.
  sub('subscription_started', 'bob', '2025-12-15', 'b1', 'annual', '120.00', { interval: 'year' }),
  event('order_refunded', 'bob', '2026-01-20', { amount: '120.00' }),
  // carol: basic 30 from 5 January, cancelled on 1 February (ends 5 February: churn), back on a new
  // subscription on 20 February (reactivation in the same month), renewed on 20 March.
  sub('subscription_started', 'carol', '2026-01-05', 'c1', 'basic', '30.00'),
  sub('subscription_cancelled', 'carol', '2026-02-01', 'c1', 'basic', null),
  sub('subscription_started', 'carol', '2026-02-20', 'c2', 'basic', '30.00'),
  sub('subscription_renewed', 'carol', '2026-03-20', 'c2', 'basic', '30.00'),
  // dave: a trial from 15 January, paid from 15 February (new business then), renewed on 15 March.
  sub('subscription_started', 'dave', '2026-01-15', 'd1', 'basic', '0.00', { trial: true }),
  sub('subscription_renewed', 'dave', '2026-02-15', 'd1', 'basic', '30.00'),
  sub('subscription_renewed', 'dave', '2026-03-15', 'd1', 'basic', '30.00'),
  // erin: lite 20 from 2 January, never renewed: runs out on 2 February (churn).
  sub('subscription_started', 'erin', '2026-01-02', 'e1', 'lite', '20.00'),
  // frank: basic 40 from 1 February, paused on 10 February (churn), resumed on 1 March (reactivation).
  sub('subscription_started', 'frank', '2026-02-01', 'f1', 'basic', '40.00'),
  sub('subscription_changed', 'frank', '2026-02-10', 'f1', 'basic', null, { status: 'paused' }),
  sub('subscription_changed', 'frank', '2026-03-01', 'f1', 'basic', null, { status: 'active' }),
];

