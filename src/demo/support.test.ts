import { beforeAll, describe, expect, it } from 'vitest';
import { minutesUntilOpen } from './calendar.js';
import { generateDemoEvents } from './generate-demo-events.js';
import { countryNamed } from './population.js';
import type { CanonicalEvent } from '../domain/event.js';

let events: CanonicalEvent[] = [];
const offsetOf = new Map<string, number>();

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

beforeAll(() => {
  events = [...generateDemoEvents({ customers: 5000, seed: 17 })];
  for (const e of events) if (e.kind === 'identify') offsetOf.set(e.customerId!, countryNamed(e.properties?.country as string)!.utcOffset);
});

describe('demo support', () => {
  it('resolves tickets after opening them, on the same channel, with a first response time', () => {
    const opened = new Map(events.filter((e) => e.kind === 'support_ticket_opened').map((e) => [e.properties?.ticket_id, e]));
    const resolved = events.filter((e) => e.kind === 'support_ticket_resolved');
    expect(resolved.length).toBeGreaterThan(300);
    for (const done of resolved) {
      const open = opened.get(done.properties?.ticket_id)!;
      expect(open.occurredAt.getTime()).toBeLessThan(done.occurredAt.getTime());
      expect(done.channel).toBe(open.channel);
      expect(Number.isInteger(done.properties?.first_response_minutes)).toBe(true);
    }
    expect(new Set([...opened.values()].map((e) => e.channel))).toEqual(new Set(['email', 'chat', 'phone', 'social']));
  });

  it('answers faster in business hours than at night and at weekends', () => {
    const opened = new Map(events.filter((e) => e.kind === 'support_ticket_opened').map((e) => [e.properties?.ticket_id, e]));
    const inHours: number[] = [];
    const outOfHours: number[] = [];
    for (const done of events.filter((e) => e.kind === 'support_ticket_resolved' && e.channel === 'email')) {
      const open = opened.get(done.properties?.ticket_id)!;
      const closed = minutesUntilOpen(open.occurredAt.getTime(), offsetOf.get(open.customerId!)!) > 0;
      (closed ? outOfHours : inHours).push(done.properties?.first_response_minutes as number);
    }
    expect(median(outOfHours)).toBeGreaterThan(2 * median(inHours));
  });

  it('gives lower CSAT after slow first responses', () => {
    const response = new Map(events.filter((e) => e.kind === 'support_ticket_resolved').map((e) => [e.properties?.ticket_id, e.properties?.first_response_minutes as number]));
    const fast: number[] = [];
    const slow: number[] = [];
    for (const answer of events.filter((e) => e.kind === 'survey_answered' && e.properties?.context === 'support')) {
      const minutes = response.get(answer.properties?.ticket_id)!;
      if (minutes <= 60) fast.push(answer.properties?.csat as number);
      if (minutes > 8 * 60) slow.push(answer.properties?.csat as number);
    }
    expect(mean(fast) - mean(slow)).toBeGreaterThan(0.5);
  });

  it('has a heavy support group: a few customers open many tickets', () => {
    const perCustomer = new Map<string, number>();
    for (const e of events) if (e.kind === 'support_ticket_opened') perCustomer.set(e.customerId!, (perCustomer.get(e.customerId!) ?? 0) + 1);
    expect(Math.max(...perCustomer.values())).toBeGreaterThanOrEqual(5);
  });

  it('records contacts over every channel and direction, and NPS answers that follow experience', () => {
    const contacts = events.filter((e) => e.kind === 'contact');
    expect(new Set(contacts.map((e) => e.channel))).toEqual(new Set(['email', 'social', 'phone', 'visit', 'chat']));
    expect(new Set(contacts.map((e) => e.properties?.direction))).toEqual(new Set(['inbound', 'outbound']));
    const nps = events.filter((e) => e.kind === 'survey_answered' && e.properties?.nps !== undefined);
    expect(nps.length).toBeGreaterThan(200);
    // Answers given within 120 days after a slow ticket or a damaged or wrong parcel score lower.
    const troubles = events.filter(
      (e) =>
        (e.kind === 'support_ticket_resolved' && (e.properties?.first_response_minutes as number) > 8 * 60) ||
        (e.kind === 'order_refunded' && (e.properties?.reason === 'damaged_item' || e.properties?.reason === 'wrong_item')),
    );
    const troubled = (answer: CanonicalEvent): boolean =>
      troubles.some((t) => t.customerId === answer.customerId && t.occurredAt < answer.occurredAt && answer.occurredAt.getTime() - t.occurredAt.getTime() < 120 * 86_400_000);
    const score = (e: CanonicalEvent): number => e.properties?.nps as number;
    const after = nps.filter(troubled).map(score);
    expect(after.length).toBeGreaterThan(10);
    expect(mean(nps.filter((e) => !troubled(e)).map(score)) - mean(after)).toBeGreaterThan(0.5);
  });

  it('has reviews with ratings from 1 to 5', () => {
    const ratings = new Set(events.filter((e) => e.kind === 'review_submitted').map((e) => e.properties?.rating));
    expect([...ratings].sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
