/**
 * One person's events while they are being simulated, before they are sorted, cut to the window and numbered.
 */
import type { DemoWindow } from './calendar.js';
import type { CanonicalEvent } from '../domain/event.js';
import type { EventKind } from '../domain/event-kinds.js';

export interface EventFields {
  amount?: string | null;
  currency?: string | null;
  rate?: string | null;
  orderId?: string | null;
  channel?: string | null;
  platform?: string | null;
  fullPrice?: boolean | null;
  properties?: Record<string, unknown> | null;
}

const noFields: EventFields = {};
const placeholder = new Date(0);

export class PersonLog {
  private readonly events: CanonicalEvent[] = [];
  private readonly times: number[] = [];
  /** When the person identified (signed up, left their e-mail, checked out); never for anonymous visitors. */
  identifiedAt = Number.POSITIVE_INFINITY;
  /** The device id of their visits before identifying; `null` when they have none. */
  anonymousId: string | null = null;

  constructor(readonly customerId: string) {}

  /** Records an event; who it belongs to (anonymous or known) is settled in `finish` from its time. */
  add(kind: EventKind, at: number, fields: EventFields = noFields): void {
    this.times.push(Math.round(at));
    this.events.push({
      eventId: null,
      kind,
      customerId: null,
      anonymousId: null,
      occurredAt: placeholder,
      amount: fields.amount ?? null,
      currency: fields.currency ?? null,
      rate: fields.rate ?? null,
      orderId: fields.orderId ?? null,
      channel: fields.channel ?? null,
      platform: fields.platform ?? null,
      fullPrice: fields.fullPrice ?? null,
      properties: fields.properties ?? null,
    });
  }

  /**
   * The events in time order (ties keep the order they were recorded in), cut to the window.
   *
   * As in Segment, events before the identify carry only the anonymous id, the identify (and an alias)
   * carries both ids, and everything after it only the customer id.
   */
  finish(window: DemoWindow): CanonicalEvent[] {
    const { times, events } = this;
    const order: number[] = [];
    for (let i = 0; i < times.length; i++) {
      const at = times[i] as number;
      if (at >= window.start && at < window.end) order.push(i);
    }
    order.sort((x, y) => (times[x] as number) - (times[y] as number) || x - y);
    const result: CanonicalEvent[] = [];
    // Compared with whole milliseconds, like the times recorded in `add`.
    const identifiedAt = Math.round(this.identifiedAt);
    for (const i of order) {
      const event = events[i] as CanonicalEvent;
      const at = times[i] as number;
      event.occurredAt = new Date(at);
      if (event.kind === 'identify' || event.kind === 'alias') {
        event.customerId = this.customerId;
        event.anonymousId = this.anonymousId;
      } else if (this.anonymousId !== null && at < identifiedAt) {
        event.anonymousId = this.anonymousId;
      } else {
        event.customerId = this.customerId;
      }
      result.push(event);
    }
    return result;
  }
}
