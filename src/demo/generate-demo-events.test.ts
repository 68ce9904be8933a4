import { beforeAll, describe, expect, it } from 'vitest';
import { demoWindow } from './calendar.js';
import { defaultDemoOptions, resolveDemoOptions } from './demo-options.js';
import { emptyDemoStats, type DemoStats } from './demo-stats.js';
import { describeDemo, generateDemoEvents } from './generate-demo-events.js';
import type { CanonicalEvent } from '../domain/event.js';
import { eventKinds } from '../domain/event-kinds.js';

const options = { customers: 5000, seed: 7 };
let events: CanonicalEvent[] = [];
let stats: DemoStats = emptyDemoStats();

beforeAll(() => {
  stats = emptyDemoStats();
  events = [...generateDemoEvents(options, stats)];
});

function byCustomer(list: readonly CanonicalEvent[]): Map<string, CanonicalEvent[]> {
  const groups = new Map<string, CanonicalEvent[]>();
  for (const event of list) {
    if (event.customerId === null) continue;
    const group = groups.get(event.customerId) ?? [];
    group.push(event);
    groups.set(event.customerId, group);
  }
  return groups;
}

describe('generateDemoEvents', () => {
  it('gives the same events for the same seed, and other events for another seed', () => {
    const again = [...generateDemoEvents({ customers: 300, seed: 7 })];
    expect(again).toEqual(events.slice(0, again.length));
    const other = [...generateDemoEvents({ customers: 300, seed: 8 })];
    expect(other.slice(0, 50)).not.toEqual(again.slice(0, 50));
  });

  it('covers every event kind of the catalogue', () => {
    const seen = new Set(events.map((event) => event.kind));
    expect(eventKinds.filter((kind) => !seen.has(kind))).toEqual([]);
  });

  it('numbers events demo-<seed>-<n>, uniquely, in the order yielded', () => {
    // One expect per event would dominate the run time; collect the misfits instead.
    expect(events.filter((event, i) => event.eventId !== `demo-7-${i + 1}`)).toEqual([]);
  });

  it('keeps every timestamp inside the window', () => {
    const window = demoWindow(defaultDemoOptions.end, 2);
    expect(events.filter((e) => e.occurredAt.getTime() < window.start || e.occurredAt.getTime() >= window.end)).toEqual([]);
    expect(new Date(window.start).toISOString()).toBe('2024-10-01T00:00:00.000Z');
  });

  it('fills the stats as it yields: counts match the events', () => {
    expect(stats.customers).toBe(5000);
    expect(stats.events).toBe(events.length);
    expect(Object.values(stats.byKind).reduce((a, b) => a + b, 0)).toBe(events.length);
    expect(stats.byKind.order_completed).toBe(events.filter((e) => e.kind === 'order_completed').length);
    expect(describeDemo({ customers: 200, seed: 7 })).toEqual(describeDemo({ customers: 200, seed: 7 }));
  });

  it('has about 15 to 25 events per customer', () => {
    const perCustomer = events.length / stats.customers;
    expect(perCustomer).toBeGreaterThan(15);
    expect(perCustomer).toBeLessThan(26);
  });

  it('has the intended shares of prospects, one-time and repeat buyers, and subscribers', () => {
    const share = (n: number): number => n / stats.customers;
    expect(share(stats.prospects)).toBeGreaterThan(0.3);
    expect(share(stats.prospects)).toBeLessThan(0.4);
    expect(share(stats.buyers)).toBeGreaterThan(0.55);
    expect(share(stats.buyers)).toBeLessThan(0.67);
    // CDNOW has about 40% repeat buyers after 78 weeks; the demo is a little more active.
    const repeat = stats.repeatBuyers / stats.buyers;
    expect(repeat).toBeGreaterThan(0.38);
    expect(repeat).toBeLessThan(0.55);
    expect(share(stats.subscribers)).toBeGreaterThan(0.1);
    expect(share(stats.subscribers)).toBeLessThan(0.2);
  });

  it('keeps each customer in time order, starting with the identify (or its alias)', () => {
    for (const [, group] of byCustomer(events)) {
      expect(['identify', 'alias']).toContain(group[0]?.kind);
      const backwards = group.filter((event, i) => i > 0 && event.occurredAt < group[i - 1]!.occurredAt);
      expect(backwards).toEqual([]);
    }
  });

  it('identifies every known customer once with all traits', () => {
    const identifies = events.filter((e) => e.kind === 'identify');
    expect(new Set(identifies.map((e) => e.customerId)).size).toBe(identifies.length);
    expect(identifies.length).toBe(byCustomer(events).size);
    for (const event of identifies) {
      expect(Object.keys(event.properties ?? {})).toEqual(
        expect.arrayContaining(['name', 'email', 'age_band', 'country', 'city', 'income_band', 'signup_date', 'acquisition_channel']),
      );
      expect(event.properties?.signup_date).toBe(event.occurredAt.toISOString().slice(0, 10));
    }
  });

  it('has anonymous visitors, some linked by identify or alias, some never', () => {
    const anonymousOnly = new Set(events.filter((e) => e.customerId === null).map((e) => e.anonymousId));
    const linkedByIdentify = new Set(events.filter((e) => e.kind === 'identify' && e.anonymousId !== null).map((e) => e.anonymousId));
    const linkedByAlias = new Set(events.filter((e) => e.kind === 'alias').map((e) => e.anonymousId));
    const neverLinked = [...anonymousOnly].filter((id) => !linkedByIdentify.has(id));
    expect(linkedByIdentify.size).toBeGreaterThan(1000);
    expect(linkedByAlias.size).toBeGreaterThan(200);
    expect(neverLinked.length).toBeGreaterThan(300);
    // Anonymous events come before the identify that links them, never after.
    const identifyAt = new Map(events.filter((e) => e.kind === 'identify' && e.anonymousId).map((e) => [e.anonymousId, e.occurredAt.getTime()]));
    const late = events.filter((e) => e.customerId === null && identifyAt.has(e.anonymousId) && e.occurredAt.getTime() >= identifyAt.get(e.anonymousId)!);
    expect(late).toEqual([]);
    expect(events.filter((e) => e.customerId === null && e.anonymousId === null)).toEqual([]);
  });

  it('puts marketing touches before acquisition, with costs on paid channels', () => {
    const touches = events.filter((e) => e.kind === 'marketing_touch');
    const channels = new Set(touches.map((e) => e.channel));
    expect([...channels]).toEqual(expect.arrayContaining(['organic', 'paid_search', 'social', 'email', 'referral', 'affiliate']));
    for (const touch of touches) {
      if (touch.channel === 'paid_search') expect(Number(touch.amount)).toBeGreaterThan(0);
      if (touch.channel === 'organic' || touch.channel === 'referral') expect(touch.amount).toBeNull();
    }
    expect(touches.filter((e) => e.customerId === null).length / touches.length).toBeGreaterThan(0.5);
  });

  it('makes referred friends real later customers who arrive with channel referral', () => {
    const identifyOf = new Map(events.filter((e) => e.kind === 'identify').map((e) => [e.customerId, e]));
    const referrals = events.filter((e) => e.kind === 'referral_made' && e.properties?.referred_customer_id !== undefined);
    expect(referrals.length).toBeGreaterThan(20);
    for (const referral of referrals) {
      const friend = identifyOf.get(referral.properties?.referred_customer_id as string);
      // A friend who arrives after the window's end never identifies; the referrer still referred them.
      if (!friend) continue;
      expect(friend.properties?.acquisition_channel).toBe('referral');
      expect(friend.properties?.email).toBe(referral.properties?.referred_email);
      expect(friend.properties?.referred_by).toBe(referral.customerId);
      expect(friend.occurredAt.getTime()).toBeGreaterThan(referral.occurredAt.getTime());
    }
  });
});

describe('resolveDemoOptions', () => {
  it('defaults to 5,000 customers over the two years up to 2026-09-30', () => {
    expect(resolveDemoOptions()).toEqual({ customers: 5000, seed: 42, end: new Date('2026-09-30T00:00:00Z'), years: 2 });
  });

  it('rejects impossible options', () => {
    expect(() => resolveDemoOptions({ customers: -1 })).toThrow(/customers/);
    expect(() => resolveDemoOptions({ customers: 1.5 })).toThrow(/customers/);
    expect(() => resolveDemoOptions({ seed: 0.5 })).toThrow(/seed/);
    expect(() => resolveDemoOptions({ end: new Date('nope') })).toThrow(/end/);
    expect(() => resolveDemoOptions({ years: 0 })).toThrow(/years/);
  });

  it('follows end and years', () => {
    const window = demoWindow(new Date('2025-12-31T00:00:00Z'), 1);
    const outside = [...generateDemoEvents({ customers: 200, seed: 3, end: new Date('2025-12-31T00:00:00Z'), years: 1 })].filter(
      (e) => e.occurredAt.getTime() < window.start || e.occurredAt.getTime() >= window.end,
    );
    expect(outside).toEqual([]);
  });
});
