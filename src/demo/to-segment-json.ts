/**
 * A canonical event as a Segment message (`identify`, `alias`, `page` or `track`), the shape
 * `parseJsonEvent` reads back into the same canonical event.
 */
import type { CanonicalEvent } from '../domain/event.js';
import type { EventKind } from '../domain/event-kinds.js';

// Where the Segment e-commerce spec puts the money of each event; parseJsonEvent reads all of these.
const amountKey: Partial<Record<EventKind, string>> = { order_completed: 'revenue', order_refunded: 'total', marketing_touch: 'cost' };

const names = new Map<string, string>();

/** `order_completed` -> `Order Completed`, as Segment names track events (cached: called once per event). */
function segmentEventName(kind: string): string {
  let name = names.get(kind);
  if (name === undefined) {
    name = kind
      .split('_')
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join(' ');
    names.set(kind, name);
  }
  return name;
}

/**
 * Builds the Segment message for an event. `fullPrice` is not sent: the reader derives it from the
 * order's discount and line items.
 */
export function toSegmentJson(event: CanonicalEvent): Record<string, unknown> {
  const message: Record<string, unknown> = {};
  const { kind } = event;
  if (kind === 'identify' || kind === 'alias') message.type = kind;
  else if (kind === 'page_viewed') message.type = 'page';
  else {
    message.type = 'track';
    message.event = segmentEventName(kind);
  }
  if (event.eventId !== null) message.messageId = event.eventId;
  if (event.customerId !== null) message.userId = event.customerId;
  if (event.anonymousId !== null) message[kind === 'alias' ? 'previousId' : 'anonymousId'] = event.anonymousId;
  message.timestamp = event.occurredAt.toISOString();

  const body: Record<string, unknown> = { ...event.properties };
  if (event.amount !== null) body[amountKey[kind] ?? 'amount'] = event.amount;
  if (event.currency !== null) body.currency = event.currency;
  if (event.rate !== null) body.rate = event.rate;
  if (event.orderId !== null) body.order_id = event.orderId;
  if (event.channel !== null) body.channel = event.channel;
  if (event.platform !== null) body.platform = event.platform;
  if (kind === 'identify') message.traits = body;
  else if (kind !== 'alias' || Object.keys(body).length > 0) message.properties = body;
  return message;
}
