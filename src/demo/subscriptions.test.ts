import { beforeAll, describe, expect, it } from 'vitest';
import { addInterval, DAY } from './calendar.js';
import type { BillingInterval } from './catalogue.js';
import { generateDemoEvents } from './generate-demo-events.js';
import type { CanonicalEvent } from '../domain/event.js';

let events: CanonicalEvent[] = [];
const bySubscription = new Map<string, CanonicalEvent[]>();

beforeAll(() => {
  events = [...generateDemoEvents({ customers: 5000, seed: 13 })];
  for (const event of events) {
    const id = event.properties?.subscription_id as string | undefined;
    if (!id || !event.kind.startsWith('subscription_')) continue;
    bySubscription.set(id, [...(bySubscription.get(id) ?? []), event]);
  }
});

describe('demo subscriptions', () => {
  it('renew on their interval, counted from the start', () => {
    let renewals = 0;
    const intervals = new Set<string>();
    for (const [id, history] of bySubscription) {
      const started = history[0]!;
      expect(started.kind, id).toBe('subscription_started');
      const interval = started.properties?.interval as BillingInterval;
      const count = started.properties?.interval_count as number;
      intervals.add(`${count} ${interval}`);
      for (const renewal of history.filter((e) => e.kind === 'subscription_renewed')) {
        const period = renewal.properties?.period as number;
        expect(renewal.occurredAt.getTime(), id).toBe(addInterval(started.occurredAt.getTime(), interval, count * (period - 1)));
        renewals += 1;
      }
    }
    expect(renewals).toBeGreaterThan(1000);
    expect([...intervals].sort()).toEqual(['1 month', '1 quarter', '1 year', '2 week']);
  });

  it('renew monthly plans every 28 to 31 days, fortnightly ones every 14', () => {
    for (const history of bySubscription.values()) {
      const billed = history.filter((e) => e.kind === 'subscription_started' || e.kind === 'subscription_renewed');
      const interval = history[0]!.properties?.interval;
      for (let i = 1; i < billed.length; i++) {
        const days = (billed[i]!.occurredAt.getTime() - billed[i - 1]!.occurredAt.getTime()) / DAY;
        if (interval === 'month') expect(days >= 28 && days <= 31).toBe(true);
        if (interval === 'week') expect(days).toBe(14);
      }
    }
  });

  it('stop renewing once cancelled, and some come back as a new subscription', () => {
    let cancelled = 0;
    for (const history of bySubscription.values()) {
      const cancel = history.find((e) => e.kind === 'subscription_cancelled');
      if (!cancel) continue;
      cancelled += 1;
      const endsAt = Date.parse(cancel.properties?.ends_at as string);
      expect(history.filter((e) => e.kind === 'subscription_renewed' && e.occurredAt.getTime() >= endsAt)).toEqual([]);
      expect(history.at(-1)).toBe(cancel);
    }
    expect(cancelled / bySubscription.size).toBeGreaterThan(0.3);
    expect(events.filter((e) => e.kind === 'subscription_started' && e.properties?.reactivated === true).length).toBeGreaterThan(10);
    expect(events.some((e) => e.kind === 'subscription_cancelled' && e.properties?.reason === 'payment_failed')).toBe(true);
  });

  it('have product and service kinds, trials, and tier changes that name the previous plan', () => {
    const starts = events.filter((e) => e.kind === 'subscription_started');
    expect(new Set(starts.map((e) => e.properties?.kind))).toEqual(new Set(['product', 'service']));
    expect(starts.some((e) => e.properties?.trial === true && e.amount === '0.00')).toBe(true);
    const changes = events.filter((e) => e.kind === 'subscription_changed');
    expect(changes.length).toBeGreaterThan(5);
    for (const change of changes) expect(change.properties?.previous_plan).not.toBe(change.properties?.plan);
  });

  it('show service use, fading before a cancellation', () => {
    const used = events.filter((e) => e.kind === 'product_used');
    expect(used.length).toBeGreaterThan(1000);
    const serviceCustomers = new Set(events.filter((e) => e.kind === 'subscription_started' && e.properties?.kind === 'service').map((e) => e.customerId));
    expect(used.every((e) => serviceCustomers.has(e.customerId))).toBe(true);
  });
});
