import { describe, expect, it } from 'vitest';
import { toEventKind } from './event-kinds.js';
import { parseJsonEvent } from './parse-json-event.js';

describe('toEventKind', () => {
  it('maps Segment names, camelCase, snake_case and common aliases', () => {
    expect(toEventKind('Order Completed')).toBe('order_completed');
    expect(toEventKind('orderCompleted')).toBe('order_completed');
    expect(toEventKind('support_ticket_opened')).toBe('support_ticket_opened');
    expect(toEventKind('Subscription Canceled')).toBe('subscription_cancelled');
    expect(toEventKind('purchase')).toBe('order_completed');
    expect(toEventKind('teleported')).toBeUndefined();
  });
});

describe('parseJsonEvent', () => {
  const base = { customer_id: 'c1', timestamp: '2024-05-01T10:00:00Z' };

  it('reads a Segment track event with line items and works out full price', () => {
    const parsed = parseJsonEvent({
      type: 'track', event: 'Order Completed', userId: 'u1', messageId: 'm-1', timestamp: '2024-05-01T10:00:00+02:00',
      properties: { order_id: 'o-9', revenue: '19.90', currency: 'eur', rate: '1.08', channel: 'email', platform: 'ios', discount: 0,
        products: [{ product_id: 'p1', price: 9.95, list_price: 9.95, quantity: 2 }] },
    });
    expect(parsed).toEqual({
      ok: true,
      event: {
        eventId: 'm-1', kind: 'order_completed', customerId: 'u1', anonymousId: null,
        occurredAt: new Date('2024-05-01T08:00:00Z'), amount: '19.90', currency: 'EUR', rate: '1.08', orderId: 'o-9',
        channel: 'email', platform: 'ios', fullPrice: true,
        properties: { discount: 0, products: [{ product_id: 'p1', price: 9.95, list_price: 9.95, quantity: 2 }] },
      },
    });
  });

  it('takes an alias as a link from the previous (anonymous) id to the customer', () => {
    const parsed = parseJsonEvent({ type: 'alias', userId: 'u1', previousId: 'anon-1', timestamp: '2024-05-01' });
    expect(parsed.ok && parsed.event).toMatchObject({ kind: 'alias', customerId: 'u1', anonymousId: 'anon-1' });
  });

  it('checks each kind against its schema and names the field', () => {
    expect(parseJsonEvent({ ...base, event: 'survey_answered', nps: 11 })).toEqual({ ok: false, field: 'properties.nps', reason: expect.stringMatching(/10/) });
    expect(parseJsonEvent({ ...base, event: 'loyalty_points_earned', points: -5 })).toEqual({ ok: false, field: 'properties.points', reason: 'must be positive' });
    expect(parseJsonEvent({ ...base, event: 'subscription_started', plan: 'pro', kind: 'hardware' })).toMatchObject({ ok: false, field: 'properties.kind' });
    expect(parseJsonEvent({ ...base, event: 'subscription_started', properties: { plan: 'pro', kind: 'hardware' } })).toMatchObject({ ok: false, field: 'properties.kind' });
    expect(parseJsonEvent({ ...base, event: 'order_completed', amount: -3 })).toEqual({ ok: false, field: 'amount', reason: 'must not be negative' });
    expect(parseJsonEvent({ ...base, event: 'order_completed' })).toEqual({ ok: false, field: 'revenue', reason: 'is missing: an order needs its amount' });
    expect(parseJsonEvent({ ...base, event: 'order_completed', amount: 5, currency: 'EURO' })).toMatchObject({ ok: false, field: 'currency' });
  });

  it('needs a customer or anonymous id and a readable time', () => {
    expect(parseJsonEvent({ event: 'contact', channel: 'chat', timestamp: '2024-05-01' })).toMatchObject({ ok: false, field: 'customer_id' });
    expect(parseJsonEvent({ customer_id: 'c1', event: 'contact', channel: 'chat' })).toEqual({ ok: false, field: 'timestamp', reason: 'is missing' });
    expect(parseJsonEvent({ ...base, timestamp: '31/31/2024', amount: 1 })).toMatchObject({ ok: false, field: 'timestamp' });
    expect(parseJsonEvent([1, 2])).toEqual({ ok: false, field: '(row)', reason: 'is not a JSON object' });
  });

  it('keeps identify traits as properties', () => {
    const parsed = parseJsonEvent({ type: 'identify', userId: 'u1', timestamp: '2024-05-01', traits: { email: 'a@b.c', age_band: '25-34', vip: true } });
    expect(parsed.ok && parsed.event).toMatchObject({ kind: 'identify', properties: { email: 'a@b.c', age_band: '25-34', vip: true } });
  });
});
