import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoEvents } from './generate-demo-events.js';
import { decimalToCents } from './money.js';
import type { CanonicalEvent } from '../domain/event.js';

interface Item {
  product_id: string;
  quantity: number;
  price: string;
  list_price: string;
  cost: string;
}

let events: CanonicalEvent[] = [];
let orders: CanonicalEvent[] = [];
const items = (order: CanonicalEvent): Item[] => order.properties?.products as Item[];

beforeAll(() => {
  events = [...generateDemoEvents({ customers: 5000, seed: 11 })];
  orders = events.filter((e) => e.kind === 'order_completed');
});

describe('demo orders', () => {
  it('charge exactly the line items minus the discount, in two-decimal strings', () => {
    const wrong = orders.filter((order) => {
      const lines = items(order).reduce((sum, item) => sum + decimalToCents(item.price) * item.quantity, 0);
      const discount = order.properties?.discount === undefined ? 0 : decimalToCents(order.properties.discount as string);
      return decimalToCents(order.amount!) !== lines - discount || decimalToCents(order.properties?.subtotal as string) !== lines || !/^\d+\.\d\d$/.test(order.amount!);
    });
    expect(orders.length).toBeGreaterThan(5000);
    expect(wrong).toEqual([]);
  });

  it('carry full line items and a fullPrice that matches discount and sale prices', () => {
    let discounted = 0;
    for (const order of orders) {
      const onSale = items(order).some((item) => decimalToCents(item.price) < decimalToCents(item.list_price));
      const discount = order.properties?.discount !== undefined;
      if (order.fullPrice !== !(onSale || discount)) throw new Error(`fullPrice of ${order.orderId} disagrees`);
      if (!order.fullPrice) discounted += 1;
      for (const item of items(order)) {
        if (!(item.product_id && Number.isInteger(item.quantity) && item.quantity > 0 && decimalToCents(item.cost) < decimalToCents(item.list_price))) {
          throw new Error(`bad line item in ${order.orderId}`);
        }
      }
    }
    const share = discounted / orders.length;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.5);
    expect(orders.some((o) => items(o).some((i) => decimalToCents(i.price) < decimalToCents(i.list_price)))).toBe(true);
    expect(orders.some((o) => o.properties?.discount !== undefined)).toBe(true);
  });

  it('are mostly in USD, some in EUR or GBP with a rate', () => {
    const byCurrency = new Map<string | null, number>();
    for (const order of orders) {
      byCurrency.set(order.currency, (byCurrency.get(order.currency) ?? 0) + 1);
      expect(order.rate === null).toBe(order.currency === 'USD');
    }
    expect(byCurrency.get('USD')! / orders.length).toBeGreaterThan(0.8);
    expect(byCurrency.get('EUR')).toBeGreaterThan(0);
    expect(byCurrency.get('GBP')).toBeGreaterThan(0);
    expect([...byCurrency.keys()].sort()).toEqual(['EUR', 'GBP', 'USD']);
  });

  it('have unique order ids, each reached through the checkout funnel', () => {
    const ids = orders.map((o) => o.orderId);
    expect(new Set(ids).size).toBe(ids.length);
    const checkouts = new Map(events.filter((e) => e.kind === 'checkout_started').map((e) => [e.orderId, e]));
    for (const order of orders) {
      const checkout = checkouts.get(order.orderId);
      if (!checkout || checkout.occurredAt >= order.occurredAt || checkout.customerId !== order.customerId) throw new Error(`no checkout before ${order.orderId}`);
    }
    // Abandoned checkouts and carts exist too.
    expect(checkouts.size).toBeGreaterThan(orders.length);
    const steps = events.filter((e) => e.kind === 'checkout_step_completed').length;
    expect(steps).toBeGreaterThan(orders.length);
  });

  it('are refunded now and then, never for more than was paid, after the order', () => {
    const byId = new Map(orders.map((o) => [o.orderId, o]));
    const refunds = events.filter((e) => e.kind === 'order_refunded');
    expect(refunds.length / orders.length).toBeGreaterThan(0.02);
    expect(refunds.length / orders.length).toBeLessThan(0.07);
    for (const refund of refunds) {
      const order = byId.get(refund.orderId);
      expect(order).toBeDefined();
      expect(decimalToCents(refund.amount!)).toBeLessThanOrEqual(decimalToCents(order!.amount!));
      expect(refund.currency).toBe(order!.currency);
      expect(refund.occurredAt.getTime()).toBeGreaterThan(order!.occurredAt.getTime());
    }
  });

  it('earn loyalty points, and points are redeemed only when enough were earned', () => {
    const balance = new Map<string, number>();
    for (const event of events) {
      if (event.customerId === null) continue;
      const points = event.properties?.points as number | undefined;
      if (event.kind === 'loyalty_points_earned') balance.set(event.customerId, (balance.get(event.customerId) ?? 0) + points!);
      if (event.kind === 'loyalty_points_redeemed') {
        const left = (balance.get(event.customerId) ?? 0) - points!;
        expect(left).toBeGreaterThanOrEqual(0);
        balance.set(event.customerId, left);
      }
    }
    expect(events.some((e) => e.kind === 'loyalty_points_redeemed')).toBe(true);
  });
});
